using Microsoft.Extensions.DependencyInjection;
using NewsCms.Data;
using NewsCms.IntegrationTests.Infrastructure;

namespace NewsCms.IntegrationTests.Performance;

public sealed class PlainSqliteConnectionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // NewsCms opens plain SQLite connections, without EF Core's decimal and regexp functions
    // (PlainSqliteConnection): no decimal may enter the model unnoticed.
    [Fact]
    public async Task The_model_has_no_decimal_column_that_would_need_EF_Cores_SQLite_functions()
    {
        await using var app = new NewsroomApp();
        var decimals = await app.WithScopeAsync(s => Task.FromResult(s.GetRequiredService<NewsCmsDbContext>().Model.GetEntityTypes()
            .SelectMany(e => e.GetProperties())
            .Where(p => Nullable.GetUnderlyingType(p.ClrType) is { } t ? t == typeof(decimal) : p.ClrType == typeof(decimal))
            .Select(p => $"{p.DeclaringType.Name}.{p.Name}")
            .ToList()));
        Assert.Empty(decimals);
    }
}
