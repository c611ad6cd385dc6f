using Microsoft.EntityFrameworkCore;
using NewsCms.Data;
using NewsCms.Web.Infrastructure;
using NewsCms.IntegrationTests.Infrastructure;

namespace NewsCms.IntegrationTests.Operations;

// An operator who gets the database settings wrong reads one line saying which, and the app stops
// before it touches anything.
public sealed class DatabaseSettingsTests
{
    public static TheoryData<string[], string> WrongSettings => new()
    {
        { ["--NewsCms:Database:Provider=Oracle"], "NewsCms cannot start: NewsCms:Database:Provider is \"Oracle\"; it must be Sqlite (the default) or Postgres." },
        { ["--NewsCms:Database:Provider=1"], "NewsCms cannot start: NewsCms:Database:Provider is \"1\"; it must be Sqlite (the default) or Postgres." },
        { ["--NewsCms:Database:Provider=Postgres", "--ConnectionStrings:NewsCms="],
            "NewsCms cannot start: NewsCms:Database:Provider is Postgres but ConnectionStrings:NewsCms is not set (for example \"Host=db;Database=newscms;Username=newscms;Password=...\")." },
    };

    [Theory]
    [MemberData(nameof(WrongSettings))]
    public async Task A_wrong_database_setting_stops_the_start_with_one_line_and_no_stack_trace(string[] settings, string message)
    {
        var (exit, output, errors) = await AppProcess.RunVerbAsync(settings, TestContext.Current.CancellationToken);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Equal(message, errors.Trim());
    }

    [Fact]
    public async Task A_connection_string_that_is_not_one_is_named_as_such()
    {
        var (exit, _, errors) = await AppProcess.RunVerbAsync(
            ["--NewsCms:Database:Provider=Postgres", "--ConnectionStrings:NewsCms=Host=db;Nonsense=yes"], TestContext.Current.CancellationToken);

        Assert.Equal(2, exit);
        Assert.StartsWith("NewsCms cannot start: ConnectionStrings:NewsCms is not a PostgreSQL connection string:", errors.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", errors, StringComparison.Ordinal);
    }

    // The start-up names PostgreSQL's provider as a string, so that SQLite sites never load Npgsql;
    // were the provider to rename itself, instances started together would no longer wait for each other.
    [Fact]
    public void The_postgres_provider_name_the_start_up_compares_with_is_npgsqls_own()
    {
        var options = new DbContextOptionsBuilder<NewsCmsDbContext>().UseNpgsql("Host=localhost;Database=unused").Options;
        using var db = new NewsCmsDbContext(options);

        Assert.True(db.Database.IsNpgsql());
        Assert.Equal(DataSetup.PostgresProviderName, db.Database.ProviderName);
    }
}
