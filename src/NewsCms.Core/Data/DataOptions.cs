namespace NewsCms.Data;

// Bound from the "NewsCms" configuration section.
public sealed class DataOptions
{
    // Holds the SQLite file (when SQLite is the database) and the media/ folder. Relative paths are under the content root.
    public string DataDirectory { get; set; } = "data";

    public bool SeedDemoContent { get; set; } = true;

    public DatabaseOptions Database { get; set; } = new();

    public string DatabasePath => Path.Combine(DataDirectory, "newscms.db");
    public string MediaDirectory => Path.Combine(DataDirectory, "media");

    // Data-protection keys: they sign sign-in cookies and antiforgery tokens, so they outlive restarts.
    public string KeysDirectory => Path.Combine(DataDirectory, "keys");
}
