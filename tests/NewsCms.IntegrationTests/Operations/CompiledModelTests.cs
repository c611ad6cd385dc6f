using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using NewsCms.Data;

namespace NewsCms.IntegrationTests.Operations;

// The site runs on the models `dotnet ef dbcontext optimize` wrote (migrations/*/CompiledModel),
// not on the entity configurations, and its start-up no longer asks EF whether the last migration
// is current. Both would go wrong silently after a model change; these tests say so instead.
public sealed class CompiledModelTests
{
    public static TheoryData<string> Providers => new("Sqlite", "Postgres");

    [Theory]
    [MemberData(nameof(Providers))]
    public void The_compiled_model_is_the_configured_model(string provider)
    {
        using var configured = Configured(provider);
        using var compiled = Configured(provider, Compiled(provider));

        var expected = Shape(configured.GetService<IDesignTimeModel>().Model);
        var actual = Shape(compiled.Model);
        var difference = expected.Except(actual).Concat(actual.Except(expected)).FirstOrDefault();
        Assert.True(difference is null,
            $"The compiled {provider} model is out of date (\"{difference}\" is in one model only). Regenerate it: " +
            $"dotnet ef dbcontext optimize --project migrations/{provider} --startup-project migrations/{provider} " +
            $"--output-dir CompiledModel --namespace NewsCms.Migrations.{provider}.CompiledModel");
    }

    // What a model means to queries and to the database, one fact per line: the entities with their
    // properties, keys, relationships and indexes, and the table, column, store type and converter
    // of each property (the debug view alone leaves the relational facts to annotations, which the
    // two kinds of model hold differently).
    private static List<string> Shape(IModel model)
    {
        // The compiled model is one instance per process: the types other tests read with SqlQuery
        // are added to it as ad-hoc entity types, listed last, and are not part of the model.
        var lines = model.ToDebugString(MetadataDebugStringOptions.LongDefault & ~MetadataDebugStringOptions.IncludeAnnotations)
            .Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .TakeWhile(line => line != "Ad-hoc entity types:").ToList();
        foreach (var entity in model.GetEntityTypes())
        {
            var table = entity.GetTableName();
            lines.Add($"{entity.Name} table {table} filter {entity.GetDeclaredQueryFilters().Count}");
            foreach (var property in entity.GetProperties())
                lines.Add($"{table}.{property.GetColumnName()} {property.GetRelationalTypeMapping().StoreType} " +
                    $"null {property.IsColumnNullable()} max {property.GetMaxLength()} converter {property.GetValueConverter()?.GetType().Name} " +
                    $"generated {property.ValueGenerated}");
            foreach (var index in entity.GetIndexes())
                lines.Add($"{table} index {string.Join(",", index.Properties.Select(p => p.Name))} unique {index.IsUnique}");
            foreach (var key in entity.GetForeignKeys())
                lines.Add($"{table} fk {string.Join(",", key.Properties.Select(p => p.Name))} {key.DeleteBehavior}");
        }
        return lines;
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void The_last_migration_matches_the_model(string provider)
    {
        using var db = Configured(provider);
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model has changes no {provider} migration has: add one (README, \"A new migration\").");
    }

    // A context built the way `dotnet ef` builds it: from the entity configurations.
    private static NewsCmsDbContext Configured(string provider, IModel? model = null)
    {
        var options = new DbContextOptionsBuilder<NewsCmsDbContext>();
        if (model is not null) options.UseModel(model);
        if (provider == "Sqlite") options.UseSqlite("Data Source=:memory:", o => o.MigrationsAssembly("NewsCms.Migrations.Sqlite"));
        else options.UseNpgsql("Host=localhost;Database=unused", o => o.MigrationsAssembly("NewsCms.Migrations.Postgres"));
        return new NewsCmsDbContext(options.Options);
    }

    private static IModel Compiled(string provider) => provider == "Sqlite"
        ? NewsCms.Migrations.Sqlite.CompiledModel.NewsCmsDbContextModel.Instance
        : NewsCms.Migrations.Postgres.CompiledModel.NewsCmsDbContextModel.Instance;
}
