namespace Navigator.Cluster;

/// <summary>The Lua scripts that make room ownership changes atomic in Redis (embedded <c>Lua/*.lua</c>).</summary>
internal static class ClusterScripts
{
    public static readonly string Claim = Load("claim");
    public static readonly string Update = Load("update");
    public static readonly string Remove = Load("remove");
    public static readonly string TakeOver = Load("takeover");
    public static readonly string Release = Load("release");
    public static readonly string Resync = Load("resync");
    public static readonly string Heartbeat = Load("heartbeat");
    public static readonly string Route = Load("route");

    private static string Load(string name)
    {
        using var stream = typeof(ClusterScripts).Assembly.GetManifestResourceStream($"Navigator.Cluster.Lua.{name}.lua")
            ?? throw new InvalidOperationException($"The script {name}.lua is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
