namespace Navigator.Server.Tests.Infrastructure;

/// <summary>The built <c>navigator</c> executable, copied beside the tests by the project reference.</summary>
public static class NavigatorExecutable
{
    public static string Path
    {
        get
        {
            var path = System.IO.Path.Combine(AppContext.BaseDirectory, "navigator");
            return File.Exists(path) ? path : throw new FileNotFoundException("The navigator executable was not built next to the tests", path);
        }
    }
}
