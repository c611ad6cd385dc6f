using Microsoft.EntityFrameworkCore;
using NewsCms.Common;
using NewsCms.Data;

namespace NewsCms.Authors;

public sealed record AuthorInput(string Name, string? Slug = null, string? JobTitle = null, string? Bio = null);

public sealed record AuthorView(int Id, string Name, string Slug, string? JobTitle, string? Bio, string? UserId);

public sealed class AuthorService(NewsCmsDbContext db, TimeProvider clock)
{
    public async Task<AuthorView> GetAsync(int id, CancellationToken ct) =>
        await db.Authors.AsNoTracking().Where(a => a.Id == id).Select(a => ToView(a)).FirstOrDefaultAsync(ct)
        ?? throw new NotFoundException($"Author {id}");

    public Task<AuthorView?> FindBySlugAsync(string slug, CancellationToken ct) =>
        db.Authors.AsNoTracking().Where(a => a.Slug == slug).Select(a => ToView(a)).FirstOrDefaultAsync(ct);

    public async Task<IReadOnlyList<AuthorView>> ListAsync(CancellationToken ct) =>
        await db.Authors.AsNoTracking().OrderBy(a => a.Name).ThenBy(a => a.Id).Select(a => ToView(a)).ToListAsync(ct);

    // Any journalist may add a co-author or guest contributor to sign an article.
    public async Task<AuthorView> CreateAsync(AuthorInput input, Actor actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var author = new Author { CreatedAt = now, UpdatedAt = now };
        await ApplyAsync(author, input, ct);
        db.Authors.Add(author);
        await db.SaveChangesAsync(ct);
        return ToView(author);
    }

    public async Task<AuthorView> UpdateAsync(int id, AuthorInput input, Actor actor, CancellationToken ct)
    {
        var author = await db.Authors.FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw new NotFoundException($"Author {id}");
        EnsureMayEdit(actor, author.UserId);
        await ApplyAsync(author, input, ct);
        author.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return ToView(author);
    }

    // Editors edit every profile; a writer only the one linked to their own account. Public so the
    // admin can turn a writer away from the form as well as from the save, with the same words.
    public static bool MayEdit(Actor actor, string? profileUserId) =>
        actor.IsEditor || (profileUserId is not null && profileUserId == actor.UserId);

    public static void EnsureMayEdit(Actor actor, string? profileUserId)
    {
        if (!MayEdit(actor, profileUserId))
            throw new ForbiddenException("Only an editor can change another person's author profile.");
    }

    // Authors with a public page: those signing at least one published article.
    public async Task<IReadOnlySet<int>> WithPublishedArticlesAsync(CancellationToken ct) =>
        (await db.Bylines.Where(b => db.Articles.Any(a => a.Id == b.ArticleId && a.Status == Articles.ArticleStatus.Published))
            .Select(b => b.AuthorId).Distinct().ToListAsync(ct)).ToHashSet();

    // The byline a journalist signs with by default: the profile linked to their account.
    public async Task<int?> ProfileIdForAsync(string? userId, CancellationToken ct) =>
        userId is null ? null
            : await db.Authors.AsNoTracking().Where(a => a.UserId == userId).OrderBy(a => a.Id).Select(a => (int?)a.Id).FirstOrDefaultAsync(ct);

    // A new account gets the byline it will sign with: the unlinked profile of the same name if
    // there is one (an imported or earlier byline), otherwise a new one, with a free slug.
    public async Task<AuthorView> LinkProfileAsync(string userId, string displayName, Actor actor, CancellationToken ct)
    {
        if (!actor.IsAdmin) throw new ForbiddenException("Only an admin can link an account to an author profile.");
        var author = await db.Authors.FirstOrDefaultAsync(a => a.UserId == userId, ct);
        if (author is not null) return ToView(author);
        var name = displayName.Trim();
        var slug = Slugs.From(name) is { Length: > 0 } fromName ? fromName : "journalist";
        author = await db.Authors.FirstOrDefaultAsync(a => a.Slug == slug && a.UserId == null, ct);
        if (author is null)
        {
            var taken = await db.Authors.Where(a => a.Slug == slug || a.Slug.StartsWith(slug + "-")).Select(a => a.Slug).ToListAsync(ct);
            var free = Enumerable.Range(1, taken.Count + 1).Select(n => n == 1 ? slug : $"{slug}-{n}").First(c => !taken.Contains(c));
            var now = clock.GetUtcNow();
            author = new Author { CreatedAt = now, UpdatedAt = now };
            await ApplyAsync(author, new AuthorInput(name, free), ct);
            db.Authors.Add(author);
        }
        author.UserId = userId;
        await db.SaveChangesAsync(ct);
        return ToView(author);
    }

    // The importer and the demo content sign articles by name: the same name is the same author.
    public async Task<AuthorView> FindOrCreateAsync(string name, Actor actor, CancellationToken ct)
    {
        var trimmed = name.Trim();
        var slug = Slugs.From(trimmed);
        var existing = await db.Authors.AsNoTracking().Where(a => a.Slug == slug).Select(a => ToView(a)).FirstOrDefaultAsync(ct);
        return existing ?? await CreateAsync(new AuthorInput(trimmed), actor, ct);
    }

    private async Task ApplyAsync(Author author, AuthorInput input, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var name = input.Name?.Trim() ?? "";
        errors.Required(nameof(input.Name), name, "Name");
        errors.MaxLength(nameof(input.Name), name, FieldLimits.PersonName, "Name");
        var slug = Slugs.ForName(input.Slug, author.Slug, name);
        if (name.Length > 0 && !Slugs.IsValid(slug))
            errors.Add(nameof(input.Slug), "A slug is lower-case letters, digits and single hyphens.");
        else if (await db.Authors.AnyAsync(a => a.Slug == slug && a.Id != author.Id, ct))
            errors.Add(nameof(input.Slug), $"Another author already has the slug \"{slug}\".");
        var jobTitle = string.IsNullOrWhiteSpace(input.JobTitle) ? null : input.JobTitle.Trim();
        var bio = string.IsNullOrWhiteSpace(input.Bio) ? null : input.Bio.Trim();
        errors.MaxLength(nameof(input.JobTitle), jobTitle, FieldLimits.JobTitle, "Job title");
        errors.MaxLength(nameof(input.Bio), bio, FieldLimits.Bio, "Bio");
        errors.ThrowIfAny();
        author.Name = name;
        author.Slug = slug;
        author.JobTitle = jobTitle;
        author.Bio = bio;
    }

    private static AuthorView ToView(Author a) => new(a.Id, a.Name, a.Slug, a.JobTitle, a.Bio, a.UserId);
}
