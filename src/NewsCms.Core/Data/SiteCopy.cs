using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using NewsCms.Articles;

namespace NewsCms.Data;

// Copies a whole NewsCms database into another, empty one (the `migrate` verb: a SQLite site onto
// PostgreSQL) and proves the copy. Rows travel through the model, so each database stores them
// its own way (SQLite's UTC text, PostgreSQL's timestamptz) and no table or column is named here.
// The copy is one transaction on the target: it commits only when every table has the same row
// count and row checksum on both sides, so a failed or mismatched copy leaves the target empty.
// The source is read in one snapshot, which a running SQLite site keeps writing beside.
public sealed class SiteCopy(NewsCmsDbContext source, NewsCmsDbContext target)
{
    private const int Batch = 500;

    // Read models rebuilt from the articles on the first read; copying them would copy nothing.
    private static readonly HashSet<Type> Derived =
        [typeof(ArticlePageSnapshot), typeof(ArticlePageSnapshotTag), typeof(PageSnapshotGeneration)];

    // The tables that are copied, principals before the rows that point at them.
    public IReadOnlyList<IEntityType> Tables { get; } = InDependencyOrder(target.Model);

    public async Task<SiteCopyReport> CopyAsync(CancellationToken ct)
    {
        await target.Database.MigrateAsync(ct);
        await using var snapshot = await BeginSnapshotAsync(ct);
        // Inside the transaction, so behind the writer queue: an instance seeding this database at
        // the same moment is either seen here or waits for the copy.
        await using var transaction = await target.Database.BeginTransactionAsync(ct);
        if (await FirstFilledTableAsync(ct) is { } filled)
            return SiteCopyReport.Refused($"the target database is not empty: {filled.Table} has {SiteCopyReport.Rows(filled.Rows)}. " +
                "migrate copies into an empty database only; create a new one (or drop this one) and run it again.");

        foreach (var table in Tables)
            await Rows(table).CopyAsync(source, target, ct);
        await ContinueIdentitiesAsync(ct);
        var tables = await CompareAsync(ct);
        if (tables.All(t => t.Matches)) await transaction.CommitAsync(ct);
        else await transaction.RollbackAsync(ct);
        return new SiteCopyReport(tables, Refusal: null, Committed: tables.All(t => t.Matches));
    }

    // Compares a target that was copied earlier with the source as it is now.
    public async Task<SiteCopyReport> VerifyAsync(CancellationToken ct)
    {
        await using var snapshot = await BeginSnapshotAsync(ct);
        return new SiteCopyReport(await CompareAsync(ct), Refusal: null, Committed: false);
    }

    private async Task<List<TableComparison>> CompareAsync(CancellationToken ct)
    {
        var tables = new List<TableComparison>();
        foreach (var table in Tables)
        {
            var rows = Rows(table);
            var before = await rows.DigestAsync(source, ct);
            var after = await rows.DigestAsync(target, ct);
            tables.Add(TableComparison.Of(table.GetTableName() ?? table.ShortName(), before, after));
        }
        return tables;
    }

    private async Task<(string Table, long Rows)?> FirstFilledTableAsync(CancellationToken ct)
    {
        foreach (var table in Tables)
        {
            var count = await Rows(table).CountAsync(target, ct);
            if (count > 0) return (table.GetTableName() ?? table.ShortName(), count);
        }
        return null;
    }

    // Rows keep their ids, so an identity column's sequence must continue after the highest one,
    // or the first article written on PostgreSQL would collide with a copied one.
    private async Task ContinueIdentitiesAsync(CancellationToken ct)
    {
        if (!target.Database.IsNpgsql()) return;
        foreach (var table in Tables)
        {
            if (table.FindPrimaryKey()?.Properties is not [{ ValueGenerated: ValueGenerated.OnAdd } key]) continue;
            if (key.ClrType != typeof(int) && key.ClrType != typeof(long)) continue;
            var name = table.GetTableName()!;
            var column = key.GetColumnName();
            // Identifiers come from the model, not from input; quoted as the migrations create them.
            var sql = "SELECT setval(pg_get_serial_sequence('\"" + name + "\"', '" + column + "'), COALESCE(MAX(\"" + column +
                "\"), 0) + 1, false) FROM \"" + name + "\"";
            await target.Database.ExecuteSqlRawAsync(sql, ct);
        }
    }

    // One consistent moment of the source. A deferred SQLite transaction reads a WAL snapshot and
    // takes no write lock, so the site's journalists can go on saving (their saves are not copied).
    private async Task<IAsyncDisposable> BeginSnapshotAsync(CancellationToken ct)
    {
        if (!source.Database.IsSqlite())
            return await source.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        await source.Database.OpenConnectionAsync(ct);
        var deferred = ((SqliteConnection)source.Database.GetDbConnection()).BeginTransaction(deferred: true);
        var used = await source.Database.UseTransactionAsync(deferred, ct);
        return new SqliteSnapshot(source, used!, deferred);
    }

    private sealed class SqliteSnapshot(NewsCmsDbContext db, IDbContextTransaction used, DbTransaction deferred) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            // EF lets go of a transaction it did not begin without ending it; ending it is ours.
            await used.DisposeAsync();
            await deferred.DisposeAsync();
            await db.Database.CloseConnectionAsync();
        }
    }

    private static List<IEntityType> InDependencyOrder(IModel model)
    {
        var tables = model.GetEntityTypes()
            .Where(t => !t.IsOwned() && t.FindPrimaryKey() is not null && !Derived.Contains(t.ClrType))
            .OrderBy(t => t.GetTableName(), StringComparer.Ordinal)
            .ToList();
        var ordered = new List<IEntityType>();
        var placed = new HashSet<IEntityType>();
        void Place(IEntityType table)
        {
            if (!placed.Add(table)) return;
            foreach (var principal in table.GetForeignKeys().Select(f => f.PrincipalEntityType).Where(p => p != table))
                Place(principal);
            ordered.Add(table);
        }
        foreach (var table in tables) Place(table);
        return ordered;
    }

    private static ITableRows Rows(IEntityType table) =>
        (ITableRows)Activator.CreateInstance(typeof(TableRows<>).MakeGenericType(table.ClrType))!;

    private interface ITableRows
    {
        Task CopyAsync(NewsCmsDbContext from, NewsCmsDbContext to, CancellationToken ct);

        Task<long> CountAsync(NewsCmsDbContext db, CancellationToken ct);

        Task<Dictionary<string, byte[]>> DigestAsync(NewsCmsDbContext db, CancellationToken ct);
    }

    private sealed class TableRows<T> : ITableRows where T : class
    {
        public async Task CopyAsync(NewsCmsDbContext from, NewsCmsDbContext to, CancellationToken ct)
        {
            var pending = 0;
            // Untracked: each row is an object of its own, with no navigation filled in, so Add
            // inserts that row and nothing else (owned values, such as a photo's credit, come with it).
            await foreach (var row in from.Set<T>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
            {
                to.Add(row);
                if (++pending < Batch) continue;
                await SaveAsync(to, ct);
                pending = 0;
            }
            await SaveAsync(to, ct);
        }

        private static async Task SaveAsync(NewsCmsDbContext to, CancellationToken ct)
        {
            await to.SaveChangesAsync(ct);
            to.ChangeTracker.Clear();
        }

        public Task<long> CountAsync(NewsCmsDbContext db, CancellationToken ct) => db.Set<T>().LongCountAsync(ct);

        public async Task<Dictionary<string, byte[]>> DigestAsync(NewsCmsDbContext db, CancellationToken ct)
        {
            var type = db.Model.FindEntityType(typeof(T))!;
            var rows = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            await foreach (var row in db.Set<T>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
                rows.Add(RowDigest.Key(type, row), RowDigest.Of(type, row));
            return rows;
        }
    }
}

// What a row holds, in a form both databases give back alike: property by property (owned values
// included), by name, with times to the microsecond, the finest PostgreSQL stores.
public static class RowDigest
{
    private const char Separator = '\u001f';

    // PostgreSQL counts microseconds from 2000-01-01 and drops what is finer (toward that epoch).
    private static readonly long PostgresEpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    public static string Key(IEntityType type, object row) =>
        string.Join(Separator, type.FindPrimaryKey()!.Properties.Select(p => Canonical(p.GetGetter().GetClrValue(row))));

    public static byte[] Of(IEntityType type, object row)
    {
        var text = new StringBuilder();
        Append(text, type, row, prefix: "");
        return SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
    }

    private static void Append(StringBuilder text, IEntityType type, object? row, string prefix)
    {
        if (row is null)
        {
            text.Append(prefix).Append("(none)").Append(Separator);
            return;
        }
        foreach (var property in type.GetProperties().OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            if (property.IsShadowProperty())
            {
                // An owned value's key is its owner's key, already in the row.
                if (type.IsOwned() && property.IsPrimaryKey()) continue;
                throw new NotSupportedException($"{type.ShortName()}.{property.Name} is a shadow property; the copy cannot read it from a row.");
            }
            text.Append(prefix).Append(property.Name).Append('=').Append(Canonical(property.GetGetter().GetClrValue(row))).Append(Separator);
        }
        foreach (var owned in type.GetNavigations().Where(n => n.TargetEntityType.IsOwned()).OrderBy(n => n.Name, StringComparer.Ordinal))
            Append(text, owned.TargetEntityType, owned.GetGetter().GetClrValue(row), prefix + owned.Name + ".");
    }

    public static string Canonical(object? value) => value switch
    {
        null => "null",
        // A NUL a SQLite site stored before NulFreeParameters is written to PostgreSQL as U+FFFD.
        string s => "s" + s.Length.ToString(CultureInfo.InvariantCulture) + ":" + NulFreeParameters.Clean(s),
        DateTimeOffset t => "t" + Microseconds(t.UtcTicks),
        DateTime t => "t" + Microseconds(t.Ticks),
        byte[] b => "b" + Convert.ToBase64String(b),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Microseconds(long ticks) =>
        ((ticks - PostgresEpochTicks) / 10).ToString(CultureInfo.InvariantCulture);
}

// One table, compared: its rows on each side, a checksum of each side (SHA-256 over the rows'
// digests in key order) and the keys of rows that are missing, extra or different.
public sealed record TableComparison(string Table, long SourceRows, long TargetRows, string SourceChecksum,
    string TargetChecksum, IReadOnlyList<string> DifferentKeys)
{
    public bool Matches => SourceRows == TargetRows && SourceChecksum == TargetChecksum;

    public static TableComparison Of(string table, Dictionary<string, byte[]> source, Dictionary<string, byte[]> target)
    {
        var different = source.Keys.Union(target.Keys)
            .Where(k => !source.TryGetValue(k, out var a) || !target.TryGetValue(k, out var b) || !a.AsSpan().SequenceEqual(b))
            .Order(StringComparer.Ordinal)
            .ToList();
        return new TableComparison(table, source.Count, target.Count, Checksum(source), Checksum(target), different);
    }

    private static string Checksum(Dictionary<string, byte[]> rows)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var key in rows.Keys.Order(StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(key));
            hash.AppendData(rows[key]);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}

public sealed record SiteCopyReport(IReadOnlyList<TableComparison> Tables, string? Refusal, bool Committed)
{
    public bool Matches => Refusal is null && Tables.All(t => t.Matches);

    public static SiteCopyReport Refused(string reason) => new([], reason, Committed: false);

    // "1 row", "2,086 rows": how the refusal and the verb's table print a count.
    public static string Rows(long count) => count == 1 ? "1 row" : $"{count:N0} rows";
}
