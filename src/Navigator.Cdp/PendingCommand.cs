using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Navigator.Cdp.Protocol;

namespace Navigator.Cdp;

/// <summary>A command waiting for its answer; completed from the read loop.</summary>
internal abstract class PendingCommand(string method, string? sessionId)
{
    public string Method { get; } = method;

    public string? SessionId { get; } = sessionId;

    public abstract void Complete(JsonElement result);

    public abstract void Fail(Exception error);
}

internal sealed class PendingCommand<TResponse>(string method, string? sessionId, JsonTypeInfo<TResponse>? responseType)
    : PendingCommand(method, sessionId)
{
    private readonly TaskCompletionSource<TResponse> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<TResponse> Task => _completion.Task;

    public override void Complete(JsonElement result)
    {
        try
        {
            if (responseType is null)
            {
                // Only CdpEmptyResponse (or raw JsonElement) takes this path.
                _completion.TrySetResult(typeof(TResponse) == typeof(JsonElement)
                    ? (TResponse)(object)result.Clone()
                    : (TResponse)(object)CdpEmptyResponse.Instance);
                return;
            }

            var value = result.Deserialize(responseType)
                ?? throw new CdpException($"{Method} returned an empty result");
            _completion.TrySetResult(value);
        }
        catch (JsonException ex)
        {
            _completion.TrySetException(new CdpException($"{Method} returned a result that does not match its schema: {ex.Message}", ex));
        }
        catch (Exception ex) when (ex is CdpException or InvalidCastException)
        {
            _completion.TrySetException(ex);
        }
    }

    public override void Fail(Exception error) => _completion.TrySetException(error);
}
