namespace NewsCms.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

// Bound from "NewsCms:Database". SQLite needs nothing more (its file is in the data directory);
// PostgreSQL is reached through "ConnectionStrings:NewsCms".
public sealed class DatabaseOptions
{
    public const string ConnectionStringName = "NewsCms";

    // Text, not the enum: a misspelt provider must reach the start-up check as a sentence for the
    // operator, not fail inside the configuration binder.
    public string? Provider { get; set; }

    public bool IsSqlite => TryParse(Provider, out var provider) && provider == DatabaseProvider.Sqlite;

    // Unset means SQLite: the two-command start needs no database settings at all.
    public static bool TryParse(string? name, out DatabaseProvider provider)
    {
        provider = DatabaseProvider.Sqlite;
        if (string.IsNullOrWhiteSpace(name)) return true;
        // Enum.TryParse also takes "1" or "0x1"; only the names are settings.
        return !name.Trim().Any(char.IsDigit) && Enum.TryParse(name.Trim(), ignoreCase: true, out provider);
    }
}
