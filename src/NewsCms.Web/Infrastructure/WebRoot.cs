namespace NewsCms.Web.Infrastructure;

// Static assets live in the repository's top-level wwwroot/. From source the content root is the
// project folder, two levels below it; a published app has them copied beside it.
public static class WebRoot
{
    public static string? Locate(string[] args)
    {
        var contentRoot = ContentRoot(args);
        foreach (var candidate in new[] { "wwwroot", Path.Combine("..", "..", "wwwroot") })
        {
            var full = Path.GetFullPath(Path.Combine(contentRoot, candidate));
            if (Directory.Exists(full)) return full;
        }
        return null;
    }

    private static string ContentRoot(string[] args)
    {
        // The test host passes its content root as an argument; dotnet run sets the working directory.
        foreach (var arg in args)
        {
            if (arg.StartsWith("--contentRoot=", StringComparison.OrdinalIgnoreCase))
                return arg["--contentRoot=".Length..];
        }
        return Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT") ?? Directory.GetCurrentDirectory();
    }
}
