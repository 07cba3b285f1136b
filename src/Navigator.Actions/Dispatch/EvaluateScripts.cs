namespace Navigator.Actions.Dispatch;

/// <summary>Page functions of the evaluate action (Dispatch/Scripts/*.js).</summary>
internal static class EvaluateScripts
{
    /// <summary>Turns the value into JSON text within a size limit (see evaluate-result.js).</summary>
    public static string Serialize => EmbeddedScripts.ElementFunction("evaluate-result.js");
}
