using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using NewsCms.Data;

namespace NewsCms.Migrations.Postgres;

// Lets `dotnet ef` build the model without starting the web host (which would migrate and seed).
// Adding a migration never connects, so the connection string only has to name a database.
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<NewsCmsDbContext>
{
    public NewsCmsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<NewsCmsDbContext>()
            .UseNpgsql("Host=localhost;Database=newscms_design", npgsql => npgsql.MigrationsAssembly("NewsCms.Migrations.Postgres"))
            .Options);
}
