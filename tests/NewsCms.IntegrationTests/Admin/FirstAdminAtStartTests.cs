using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsCms.Accounts;
using NewsCms.Data;
using NewsCms.IntegrationTests.Infrastructure;

namespace NewsCms.IntegrationTests.Admin;

// The first start makes the roles and the first admin. A later start reads that they are there
// and changes nothing; a start that finds a role or every admin gone makes them again.
public sealed class FirstAdminAtStartTests
{
    private const string FirstEmail = "desk.chief@example.org";
    private const string SecondEmail = "night.editor@example.org";
    private const string Password = "Harbour-lights-2026";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static NewsroomApp Start(string data, string email) => new NewsroomApp()
        .With("NewsCms:DataDirectory", data)
        .With("NewsCms:Admin:Email", email)
        .With("NewsCms:Admin:Password", Password);

    private sealed record AccountState(string[] Roles, string[] Admins, int Users);

    private static Task<AccountState> AccountsAsync(NewsroomApp app) => app.WithScopeAsync(async s =>
    {
        var db = s.GetRequiredService<NewsCmsDbContext>();
        var roles = await db.Roles.Select(r => r.Name!).OrderBy(n => n).ToArrayAsync(Ct);
        var admins = await s.GetRequiredService<UserManager<NewsUser>>().GetUsersInRoleAsync(Roles.Admin);
        return new AccountState(roles, admins.Select(a => a.Email!).Order().ToArray(), await db.Users.CountAsync(Ct));
    });

    private static Task ChangeAsync(NewsroomApp app, Func<NewsCmsDbContext, Task> change) => app.WithScopeAsync(async s =>
    {
        await change(s.GetRequiredService<NewsCmsDbContext>());
        return true;
    });

    [Fact]
    public async Task The_first_start_makes_the_roles_and_the_admin_and_the_next_start_changes_nothing()
    {
        await NewsroomApp.WithDataDirectoryAsync(async data =>
        {
            string stamp;
            await using (var first = Start(data, FirstEmail))
            {
                var made = await AccountsAsync(first);
                Assert.Equal(["Admin", "Editor", "Writer"], made.Roles);
                Assert.Equal([FirstEmail], made.Admins);
                Assert.Equal(1, made.Users);
                stamp = await first.WithScopeAsync(async s =>
                    (await s.GetRequiredService<NewsCmsDbContext>().Users.SingleAsync(Ct)).ConcurrencyStamp!);
            }

            // Another address configured: the site has its admin, so nobody new is made.
            await using var next = Start(data, SecondEmail);
            var found = await AccountsAsync(next);
            Assert.Equal(["Admin", "Editor", "Writer"], found.Roles);
            Assert.Equal([FirstEmail], found.Admins);
            Assert.Equal(1, found.Users);
            Assert.Equal(stamp, await next.WithScopeAsync(async s =>
                (await s.GetRequiredService<NewsCmsDbContext>().Users.SingleAsync(Ct)).ConcurrencyStamp!));
        });
    }

    [Fact]
    public async Task A_start_that_finds_a_role_missing_makes_it_again()
    {
        await NewsroomApp.WithDataDirectoryAsync(async data =>
        {
            await using (var first = Start(data, FirstEmail))
                await ChangeAsync(first, db => db.Roles.Where(r => r.Name == Roles.Editor).ExecuteDeleteAsync(Ct));

            await using var next = Start(data, FirstEmail);
            var found = await AccountsAsync(next);
            Assert.Equal(["Admin", "Editor", "Writer"], found.Roles);
            Assert.Equal([FirstEmail], found.Admins);
        });
    }

    [Fact]
    public async Task A_start_that_finds_no_admin_makes_the_configured_one()
    {
        await NewsroomApp.WithDataDirectoryAsync(async data =>
        {
            await using (var first = Start(data, FirstEmail))
                await ChangeAsync(first, db => db.UserRoles.ExecuteDeleteAsync(Ct));

            await using var next = Start(data, SecondEmail);
            var found = await AccountsAsync(next);
            Assert.Equal([SecondEmail], found.Admins);
            Assert.Equal(2, found.Users);
        });
    }
}
