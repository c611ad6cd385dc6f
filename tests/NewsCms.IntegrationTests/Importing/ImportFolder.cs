using NewsCms.IntegrationTests.Infrastructure;

namespace NewsCms.IntegrationTests.Importing;

// A temporary folder of article files to import, deleted with the test.
public sealed class ImportFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "newscms-import", Guid.NewGuid().ToString("N"));

    public ImportFolder() => Directory.CreateDirectory(Path);

    // Copies an invented fixture (Importing/Fixtures) into the folder.
    public string Fixture(string name)
    {
        var target = System.IO.Path.Combine(Path, name);
        File.Copy(System.IO.Path.Combine(AppContext.BaseDirectory, "Importing", "Fixtures", name), target);
        return target;
    }

    public string Write(string name, string text)
    {
        var target = System.IO.Path.Combine(Path, name);
        File.WriteAllText(target, text);
        return target;
    }

    public void Dispose()
    {
        // Used as a data directory by the import verb's tests, so it may have a database too.
        TestDatabase.Release(Path);
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
    }

    // The real published explainer, beside the repository in ../shared/examples, where it exists.
    public static string? SharedExample(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(System.IO.Path.Combine(dir.FullName, "NewsCms.sln"))) continue;
            var example = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared", "examples", name));
            return File.Exists(example) ? example : null;
        }
        return null;
    }
}
