using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using NewsCms.Data;

namespace NewsCms.Migrations.Sqlite;

// Lets `dotnet ef` build the model without starting the web host (which would migrate and seed).
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<NewsCmsDbContext>
{
    public NewsCmsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<NewsCmsDbContext>()
            .UseSqlite("Data Source=design-time.db", sqlite => sqlite.MigrationsAssembly("NewsCms.Migrations.Sqlite"))
            .Options);
}
