using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace NewsCms.Data;

public sealed record BackupReport(string Folder, long DatabaseBytes, int MediaFiles, int Articles);

// An online, consistent copy of a site while it serves readers: VACUUM INTO writes a snapshot of
// the database as of one transaction, then the media files are copied. Media are written before
// their rows, so every file a snapshot row names already exists when the copy starts.
public sealed class BackupService(IOptions<DataOptions> options)
{
    public const string DatabaseFile = "newscms.db";
    public const string MediaFolder = "media";

    private DataOptions Data => options.Value;

    public async Task<BackupReport> BackupAsync(string folder, CancellationToken ct)
    {
        RequireSqlite();
        folder = Path.GetFullPath(folder);
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
            throw new IOException($"The backup folder {folder} is not empty.");
        Directory.CreateDirectory(folder);
        var target = Path.Combine(folder, DatabaseFile);

        await using (var connection = new SqliteConnection(SqliteTuning.ConnectionString(Data.DatabasePath)))
        {
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "VACUUM INTO $target";
            command.Parameters.AddWithValue("$target", target);
            await command.ExecuteNonQueryAsync(ct);
        }

        var names = await ReferencedMediaAsync(target, ct);
        var copied = CopyMedia(Data.MediaDirectory, Path.Combine(folder, MediaFolder), names);
        return new BackupReport(folder, new FileInfo(target).Length, copied, await CountArticlesAsync(target, ct));
    }

    // Restores into the data directory of a stopped site: checks the backup first, then swaps
    // the database and media in, keeping what was there beside it until the copy succeeded.
    public async Task<BackupReport> RestoreAsync(string folder, CancellationToken ct)
    {
        RequireSqlite();
        folder = Path.GetFullPath(folder);
        var source = Path.Combine(folder, DatabaseFile);
        if (!File.Exists(source)) throw new IOException($"{folder} holds no {DatabaseFile}.");
        await CheckIntegrityAsync(source, ct);

        Directory.CreateDirectory(Data.DataDirectory);
        SqliteConnection.ClearAllPools();
        var stamp = DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var aside = Path.Combine(Data.DataDirectory, $"before-restore-{stamp}");
        Directory.CreateDirectory(aside);
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            var current = Data.DatabasePath + suffix;
            if (File.Exists(current)) File.Move(current, Path.Combine(aside, Path.GetFileName(current)));
        }
        if (Directory.Exists(Data.MediaDirectory)) Directory.Move(Data.MediaDirectory, Path.Combine(aside, MediaFolder));

        File.Copy(source, Data.DatabasePath);
        var mediaSource = Path.Combine(folder, MediaFolder);
        var copied = Directory.Exists(mediaSource) ? CopyMedia(mediaSource, Data.MediaDirectory, null) : 0;
        Directory.CreateDirectory(Data.MediaDirectory);
        return new BackupReport(folder, new FileInfo(Data.DatabasePath).Length, copied, await CountArticlesAsync(Data.DatabasePath, ct));
    }

    // A PostgreSQL server has its own consistent online backup; copying files from beside the app
    // would miss the database entirely, so the verbs say what to use instead.
    private void RequireSqlite()
    {
        if (!Data.Database.IsSqlite)
            throw new IOException(
                "this site's database is PostgreSQL: back it up with pg_dump (pg_dump --format=custom) and restore with pg_restore, " +
                $"and copy the media folder ({Data.MediaDirectory}) beside the dump.");
    }

    public static async Task CheckIntegrityAsync(string databasePath, CancellationToken ct)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        var result = (string?)await command.ExecuteScalarAsync(ct);
        if (result != "ok") throw new IOException($"{databasePath} fails its integrity check: {result}");
    }

    private static async Task<HashSet<string>> ReferencedMediaAsync(string databasePath, CancellationToken ct)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        await using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        // Originals are named by hash with any extension; renditions by their stored file name.
        command.CommandText = "SELECT ContentHash FROM MediaAssets WHERE ContentHash IS NOT NULL UNION ALL SELECT FileName FROM MediaRenditions";
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) names.Add(reader.GetString(0));
        return names;
    }

    // With a set of names, copies only the files a snapshot row refers to (a file whose row was
    // written after the snapshot is left out); without one, copies everything.
    private static int CopyMedia(string from, string to, HashSet<string>? referenced)
    {
        Directory.CreateDirectory(to);
        if (!Directory.Exists(from)) return 0;
        var copied = 0;
        foreach (var file in Directory.EnumerateFiles(from))
        {
            var name = Path.GetFileName(file);
            if (referenced is not null && !referenced.Contains(name) && !referenced.Contains(Path.GetFileNameWithoutExtension(name)))
                continue;
            File.Copy(file, Path.Combine(to, name));
            copied++;
        }
        return copied;
    }

    private static async Task<int> CountArticlesAsync(string databasePath, CancellationToken ct)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM Articles";
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
