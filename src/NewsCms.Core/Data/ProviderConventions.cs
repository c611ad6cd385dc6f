using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace NewsCms.Data;

// Model conventions that differ by database, so the entity configurations stay the same for all.
public static class ProviderConventions
{
    // SQLite has no date type and EF cannot order or compare DateTimeOffset there; stored as
    // fixed-width UTC text, times sort and compare correctly and stay readable in the file.
    public static void Sqlite(ModelConfigurationBuilder configuration) =>
        configuration.Properties<DateTimeOffset>().HaveConversion<UtcTextConverter>();

    // PostgreSQL's timestamptz compares and orders natively, but Npgsql refuses to write an offset
    // other than zero; a time parsed with its local offset (an import's dateline) is the same
    // instant in UTC.
    public static void Postgres(ModelConfigurationBuilder configuration) =>
        configuration.Properties<DateTimeOffset>().HaveConversion<UtcInstantConverter>();
}

public sealed class UtcInstantConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
    v => v.ToUniversalTime(),
    v => v);
