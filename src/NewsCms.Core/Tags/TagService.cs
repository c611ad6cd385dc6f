using Microsoft.EntityFrameworkCore;
using NewsCms.Common;
using NewsCms.Data;

namespace NewsCms.Tags;

public sealed record TagSummary(int Id, string Name, string Slug, string? Description, int PublishedArticles);

public sealed record TagInput(string? Name, string? Slug = null, string? Description = null);

public sealed record TagDetail(int Id, string Name, string Slug, string? Description, DateTimeOffset CreatedAt);

public sealed class TagService(NewsCmsDbContext db, TimeProvider clock)
{
    public Task<TagSummary?> FindBySlugAsync(string slug, CancellationToken ct) =>
        db.Tags.AsNoTracking().Where(t => t.Slug == slug)
            .Select(t => new TagSummary(t.Id, t.Name, t.Slug, t.Description,
                db.ArticleTags.Count(x => x.TagId == t.Id && db.Articles.Any(a => a.Id == x.ArticleId && a.Status == Articles.ArticleStatus.Published))))
            .FirstOrDefaultAsync(ct);

    public async Task<TagDetail> GetAsync(int id, CancellationToken ct) =>
        await db.Tags.AsNoTracking().Where(t => t.Id == id).Select(t => ToDetail(t))
            .FirstOrDefaultAsync(ct)
        ?? throw new NotFoundException($"Tag {id}");

    public async Task<IReadOnlyList<TagDetail>> ListAsync(CancellationToken ct) =>
        await db.Tags.AsNoTracking().OrderBy(t => t.Name).ThenBy(t => t.Id)
            .Select(t => ToDetail(t)).ToListAsync(ct);

    // Any journalist can create a tag (saving an article with a new one does); the slug is the
    // tag's identity, so a second tag with the same slug is refused.
    public async Task<TagDetail> CreateAsync(TagInput input, Actor actor, CancellationToken ct)
    {
        var tag = new Tag { CreatedAt = clock.GetUtcNow() };
        await ApplyAsync(tag, input, ct);
        db.Tags.Add(tag);
        await db.SaveChangesAsync(ct);
        return ToDetail(tag);
    }

    // A tag's page is public: only an editor changes it. The slug (its address) stays unless a new one is given.
    public async Task<TagDetail> UpdateAsync(int id, TagInput input, Actor actor, CancellationToken ct)
    {
        if (!actor.IsEditor) throw new ForbiddenException("Only an editor can change a tag.");
        var tag = await db.Tags.FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw new NotFoundException($"Tag {id}");
        await ApplyAsync(tag, input, ct);
        await db.SaveChangesAsync(ct);
        return ToDetail(tag);
    }

    private async Task ApplyAsync(Tag tag, TagInput input, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var name = input.Name?.Trim() ?? "";
        errors.Required(nameof(input.Name), name, "Name");
        errors.MaxLength(nameof(input.Name), name, FieldLimits.TagName, "Name");
        var slug = string.IsNullOrWhiteSpace(input.Slug)
            ? tag.Id == 0 ? Slugs.From(name) : tag.Slug
            : input.Slug.Trim().ToLowerInvariant();
        if (name.Length > 0 && !Slugs.IsValid(slug))
            errors.Add(string.IsNullOrWhiteSpace(input.Slug) ? nameof(input.Name) : nameof(input.Slug),
                "A slug is lower-case letters, digits and single hyphens; the name needs at least one letter or digit.");
        else if (await db.Tags.AnyAsync(t => t.Slug == slug && t.Id != tag.Id, ct))
            errors.Add(nameof(input.Slug), $"Another tag already has the slug \"{slug}\".");
        var description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim();
        errors.MaxLength(nameof(input.Description), description, FieldLimits.TagDescription, "Description");
        errors.ThrowIfAny();
        tag.Name = name;
        tag.Slug = slug;
        tag.Description = description;
    }

    private static TagDetail ToDetail(Tag t) => new(t.Id, t.Name, t.Slug, t.Description, t.CreatedAt);

    // Trims, drops empties and case-insensitive repeats, checks lengths; keeps the given order.
    public List<string> CheckNames(IReadOnlyList<string> names, string field, ValidationErrors errors)
    {
        var result = new List<string>();
        foreach (var raw in names)
        {
            var name = raw?.Trim();
            if (string.IsNullOrEmpty(name)) continue;
            if (name.Length > FieldLimits.TagName)
                errors.Add(field, $"The tag \"{name[..20]}...\" is longer than {FieldLimits.TagName} characters.");
            else if (Slugs.From(name).Length == 0)
                errors.Add(field, $"The tag \"{name}\" needs at least one letter or digit.");
            else if (!result.Contains(name, StringComparer.OrdinalIgnoreCase))
                result.Add(name);
        }
        if (result.Count > FieldLimits.MaxTags)
            errors.Add(field, $"At most {FieldLimits.MaxTags} tags.");
        return result;
    }

    // Finds each tag by its slug, creating the ones that do not exist yet, in the given order.
    public async Task<List<Tag>> ResolveAsync(IReadOnlyList<string> names, CancellationToken ct)
    {
        var slugs = names.Select(n => Slugs.From(n)).ToList();
        var existing = await db.Tags.Where(t => slugs.Contains(t.Slug)).ToDictionaryAsync(t => t.Slug, ct);
        var result = new List<Tag>();
        for (var i = 0; i < names.Count; i++)
        {
            if (!existing.TryGetValue(slugs[i], out var tag))
            {
                tag = new Tag { Name = names[i], Slug = slugs[i], CreatedAt = clock.GetUtcNow() };
                db.Tags.Add(tag);
                existing[slugs[i]] = tag;
            }
            if (!result.Contains(tag)) result.Add(tag);
        }
        if (result.Any(t => t.Id == 0)) await db.SaveChangesAsync(ct);
        return result;
    }
}
