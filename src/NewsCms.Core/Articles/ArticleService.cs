using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsCms.Common;
using NewsCms.Data;
using NewsCms.Rendering;
using NewsCms.Revisions;
using NewsCms.Tags;

namespace NewsCms.Articles;

// Every rule about writing an article lives here: validation, who may do what, the workflow,
// revisions and optimistic concurrency. The admin, the API, the importer and the scheduler all
// call it, so a rule changes in one place.
public sealed class ArticleService(
    NewsCmsDbContext db,
    MarkdownRenderer renderer,
    TagService tags,
    TimeProvider clock,
    IOptions<SiteOptions> site,
    IEnumerable<IArticleChangeHandler> handlers)
{
    private TimeZoneInfo Zone => site.Value.TimeZoneInfo;

    public async Task<ArticleDetail> GetAsync(int id, CancellationToken ct) =>
        (await LoadAsync(id, ct) ?? throw new NotFoundException($"Article {id}")).ToDetail(Zone);

    public async Task<ArticleDetail> CreateAsync(ArticleInput input, Actor actor, CancellationToken ct)
    {
        var article = await WriteAsync(async () =>
        {
            var now = clock.GetUtcNow();
            var a = new Article
            {
                Status = ArticleStatus.Draft,
                CreatedAt = now,
                UpdatedAt = now,
                CreatedByUserId = actor.UserId,
                Version = 1,
            };
            await ApplyAsync(a, input, ct);
            db.Articles.Add(a);
            await db.SaveChangesAsync(ct);
            AddRevision(a, actor, "created");
            return (a, new ArticleChange(a.Id, ArticleChangeKind.Created, a.Status, null, a.Version));
        }, ct);
        return await GetAsync(article.Id, ct);
    }

    // Imported articles arrive already published at their original date, in one transaction.
    public async Task<ArticleDetail> CreatePublishedAsync(ArticleInput input, DateTimeOffset publishedAt, Actor actor, CancellationToken ct)
    {
        EnsureEditor(actor, "publish");
        var article = await WriteAsync(async () =>
        {
            var now = clock.GetUtcNow();
            var a = new Article
            {
                Status = ArticleStatus.Published,
                CreatedAt = now,
                UpdatedAt = now,
                PublishedAt = publishedAt,
                CreatedByUserId = actor.UserId,
                Version = 1,
            };
            await ApplyAsync(a, input, ct);
            await EnsurePublishableAsync(a, ct);
            // Notes carried in with the article date its last real update, as they did at the source.
            if (a.Corrections.Count > 0) a.RevisedAt = a.Corrections.Max(c => c.PublishedAt);
            db.Articles.Add(a);
            await db.SaveChangesAsync(ct);
            AddRevision(a, actor, "imported and published");
            return (a, new ArticleChange(a.Id, ArticleChangeKind.Published, a.Status, null, a.Version));
        }, ct);
        return await GetAsync(article.Id, ct);
    }

    // An article carried in from an export keeps its status and every date it had at the source;
    // it passes the same checks as any other save, and the rules of its status.
    public async Task<ArticleDetail> CreateWithHistoryAsync(ArticleInput input, ArticleHistory history, Actor actor, CancellationToken ct)
    {
        EnsureEditor(actor, "import");
        var article = await WriteAsync(async () =>
        {
            CheckHistory(history);
            var a = new Article
            {
                Status = history.Status,
                CreatedAt = history.CreatedAt,
                UpdatedAt = history.UpdatedAt,
                CreatedByUserId = actor.UserId,
                Version = 1,
            };
            await ApplyAsync(a, input, ct);
            if (history.Status is ArticleStatus.Published or ArticleStatus.Scheduled) await EnsurePublishableAsync(a, ct);
            a.PublishedAt = history.PublishedAt;
            a.RevisedAt = history.RevisedAt;
            a.ScheduledFor = history.ScheduledFor;
            a.UnpublishedAt = history.UnpublishedAt;
            db.Articles.Add(a);
            await db.SaveChangesAsync(ct);
            AddRevision(a, actor, "imported");
            var kind = a.Status == ArticleStatus.Published ? ArticleChangeKind.Published : ArticleChangeKind.Created;
            return (a, new ArticleChange(a.Id, kind, a.Status, null, a.Version));
        }, ct);
        return await GetAsync(article.Id, ct);
    }

    // The second pass of an import: related articles can be named only once they all exist. It
    // completes the import rather than editing the article, so no version or date moves.
    public async Task SetImportedRelatedAsync(int id, IReadOnlyList<int> relatedIds, Actor actor, CancellationToken ct)
    {
        EnsureEditor(actor, "import");
        var a = await db.Articles.Include(x => x.RelatedArticles).FirstOrDefaultAsync(x => x.Id == id, ct)
                ?? throw new NotFoundException($"Article {id}");
        var errors = new ValidationErrors();
        var related = await CheckRelatedAsync(a, relatedIds, errors, ct);
        errors.ThrowIfAny();
        Reconcile(a.RelatedArticles, related, r => r.RelatedArticleId, (r, i) => r.Position = i,
            (rid, i) => new RelatedArticle { RelatedArticleId = rid, Position = i });
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    private static void CheckHistory(ArticleHistory h)
    {
        var errors = new ValidationErrors();
        if (!Enum.IsDefined(h.Status))
            errors.Add("Status", "Status must be draft, inreview, scheduled, published or unpublished.");
        if (h.Status is ArticleStatus.Published or ArticleStatus.Unpublished && h.PublishedAt is null)
            errors.Add("PublishedAt", $"A {Describe(h.Status)} article needs the date it was first published.");
        if (h.Status == ArticleStatus.Scheduled && h.ScheduledFor is null)
            errors.Add("ScheduledFor", "A scheduled article needs the time it is scheduled for.");
        if (h.UpdatedAt < h.CreatedAt)
            errors.Add("UpdatedAt", "An article cannot be updated before it was created.");
        errors.ThrowIfAny();
    }

    public async Task<ArticleDetail> UpdateAsync(int id, ArticleInput input, int expectedVersion, Actor actor, CancellationToken ct,
        string action = "saved")
    {
        await WriteAsync(async () =>
        {
            var a = await LoadTrackedAsync(id, ct);
            EnsureVersion(a, expectedVersion);
            EnsureCanEdit(a, actor);
            var before = Snapshot(a);
            // Once published, an address stays known even while the article is down: readers and
            // other sites keep the links it had, and they must lead to it when it returns.
            var oldPath = ArticleMappings.AddressOnceOut(a, Zone);
            await ApplyAsync(a, input, ct);
            var after = Snapshot(a);
            if (before == after) return (a, null);

            var now = clock.GetUtcNow();
            a.UpdatedAt = now;
            if (a.Status == ArticleStatus.Published && !input.MinorEdit) a.RevisedAt = now;
            if (oldPath is not null && ArticleMappings.AddressOnceOut(a, Zone) is { } newPath && oldPath != newPath)
                await RememberPathAsync(a, oldPath, newPath, now, ct);
            a.Version++;
            AddRevision(a, actor, action);
            return (a, new ArticleChange(a.Id, ArticleChangeKind.Updated, a.Status, a.Status, a.Version));
        }, ct);
        return await GetAsync(id, ct);
    }

    public Task<ArticleDetail> SubmitForReviewAsync(int id, int? expectedVersion, Actor actor, CancellationToken ct) =>
        TransitionAsync(id, expectedVersion, actor, ArticleChangeKind.SubmittedForReview, (a, _) =>
        {
            EnsureCanEdit(a, actor);
            if (a.Status is not (ArticleStatus.Draft or ArticleStatus.Unpublished))
                throw new ConflictException($"Only a draft can be submitted for review; this article is {Describe(a.Status)}.");
            a.Status = ArticleStatus.InReview;
            return Task.FromResult<string?>("submitted for review");
        }, ct);

    public Task<ArticleDetail> ReturnToDraftAsync(int id, int? expectedVersion, Actor actor, CancellationToken ct) =>
        TransitionAsync(id, expectedVersion, actor, ArticleChangeKind.Updated, (a, _) =>
        {
            EnsureCanEdit(a, actor);
            if (a.Status is not (ArticleStatus.InReview or ArticleStatus.Scheduled))
                throw new ConflictException($"Only an article in review or scheduled can return to draft; this one is {Describe(a.Status)}.");
            a.Status = ArticleStatus.Draft;
            a.ScheduledFor = null;
            return Task.FromResult<string?>("returned to draft");
        }, ct);

    public Task<ArticleDetail> PublishAsync(int id, int? expectedVersion, Actor actor, CancellationToken ct) =>
        TransitionAsync(id, expectedVersion, actor, ArticleChangeKind.Published, async (a, now) =>
        {
            EnsureEditor(actor, "publish");
            if (a.Status == ArticleStatus.Published)
                throw new ConflictException("The article is already published.");
            await EnsurePublishableAsync(a, ct);
            Publish(a, now);
            return "published";
        }, ct);

    public Task<ArticleDetail> ScheduleAsync(int id, DateTimeOffset publishAt, int? expectedVersion, Actor actor, CancellationToken ct) =>
        TransitionAsync(id, expectedVersion, actor, ArticleChangeKind.Scheduled, async (a, now) =>
        {
            EnsureEditor(actor, "schedule");
            if (a.Status == ArticleStatus.Published)
                throw new ConflictException("The article is already published; unpublish it before scheduling it again.");
            if (publishAt <= now)
                throw ValidationFailedException.For("PublishAt", "The publication time must be in the future.");
            await EnsurePublishableAsync(a, ct);
            a.Status = ArticleStatus.Scheduled;
            a.ScheduledFor = publishAt.ToUniversalTime();
            return $"scheduled for {a.ScheduledFor:yyyy-MM-dd HH:mm} UTC";
        }, ct);

    public Task<ArticleDetail> UnpublishAsync(int id, int? expectedVersion, Actor actor, CancellationToken ct) =>
        TransitionAsync(id, expectedVersion, actor, ArticleChangeKind.Unpublished, (a, now) =>
        {
            EnsureEditor(actor, "unpublish");
            switch (a.Status)
            {
                case ArticleStatus.Published:
                    a.Status = ArticleStatus.Unpublished;
                    a.UnpublishedAt = now;
                    return Task.FromResult<string?>("unpublished");
                case ArticleStatus.Scheduled:
                    a.Status = ArticleStatus.Draft;
                    a.ScheduledFor = null;
                    return Task.FromResult<string?>("schedule cancelled");
                default:
                    throw new ConflictException($"Only a published or scheduled article can be unpublished; this one is {Describe(a.Status)}.");
            }
        }, ct);

    public async Task DeleteAsync(int id, int? expectedVersion, Actor actor, CancellationToken ct)
    {
        await WriteAsync(async () =>
        {
            var a = await db.Articles.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException($"Article {id}");
            if (expectedVersion is { } v) EnsureVersion(a, v);
            EnsureCanEdit(a, actor);
            if (a.Status == ArticleStatus.Published)
                throw new ConflictException("A published article cannot be deleted; unpublish it first.");
            var change = new ArticleChange(a.Id, ArticleChangeKind.Deleted, a.Status, a.Status, a.Version);
            db.Articles.Remove(a);
            return (a, change);
        }, ct);
    }

    // Called by the scheduler. Each due article goes out at the time it was scheduled for, even
    // when the scheduler runs late, so the chosen time is the one readers and sitemaps see.
    // Publishes what is due. Several instances may run this at once: the article row decides
    // (its version is the concurrency token), so each is published once and counted by the
    // instance that did it.
    public async Task<int> PublishDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = await db.Articles.AsNoTracking()
            .Where(a => a.Status == ArticleStatus.Scheduled && a.ScheduledFor <= now)
            .OrderBy(a => a.ScheduledFor).ThenBy(a => a.Id)
            .Select(a => a.Id)
            .ToListAsync(ct);
        var published = 0;
        foreach (var id in due)
        {
            var publishedHere = false;
            try
            {
                await TransitionAsync(id, null, Actor.System, ArticleChangeKind.Published, (a, _) =>
                {
                    if (a.Status != ArticleStatus.Scheduled || a.ScheduledFor > now) return Task.FromResult<string?>(null);
                    Publish(a, a.ScheduledFor!.Value);
                    publishedHere = true;
                    return Task.FromResult<string?>("published on schedule");
                }, ct);
            }
            catch (Exception e) when (e is ConcurrencyConflictException or NotFoundException)
            {
                // Another instance published it (or someone deleted it) between the list and the save.
                db.ChangeTracker.Clear();
                continue;
            }
            if (publishedHere) published++;
        }
        return published;
    }

    // The state the article was in at a revision, saved again as a new revision.
    public async Task<ArticleDetail> RestoreRevisionAsync(int id, int version, int expectedVersion, Actor actor, CancellationToken ct)
    {
        var snapshot = await db.ArticleRevisions.AsNoTracking()
            .Where(r => r.ArticleId == id && r.Version == version)
            .Select(r => r.SnapshotJson)
            .FirstOrDefaultAsync(ct) ?? throw new NotFoundException($"Revision {version} of article {id}");
        var input = ArticleSnapshot.Parse(snapshot).Input;
        return await UpdateAsync(id, input, expectedVersion, actor, ct, $"restored revision {version}");
    }

    private async Task<ArticleDetail> TransitionAsync(int id, int? expectedVersion, Actor actor, ArticleChangeKind kind,
        Func<Article, DateTimeOffset, Task<string?>> transition, CancellationToken ct)
    {
        await WriteAsync(async () =>
        {
            var a = await LoadTrackedAsync(id, ct);
            if (expectedVersion is { } v) EnsureVersion(a, v);
            var previous = a.Status;
            var now = clock.GetUtcNow();
            var action = await transition(a, now);
            if (action is null) return (a, null);
            a.UpdatedAt = now;
            a.Version++;
            AddRevision(a, actor, action);
            return (a, new ArticleChange(a.Id, kind, a.Status, previous, a.Version));
        }, ct);
        return await GetAsync(id, ct);
    }

    private async Task<Article> WriteAsync(Func<Task<(Article Article, ArticleChange? Change)>> work, CancellationToken ct)
    {
        // SQLite transactions here begin IMMEDIATE: writers queue instead of racing, and the
        // version check below cannot be overtaken between reading and writing.
        var owned = db.Database.CurrentTransaction is null;
        await using var transaction = owned ? await db.Database.BeginTransactionAsync(ct) : null;
        var (article, change) = await work();
        if (change is null)
        {
            // Nothing changed: no revision, no new version, and nothing half-applied left tracked.
            db.ChangeTracker.Clear();
            if (transaction is not null) await transaction.RollbackAsync(ct);
            return article;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            var current = await db.Articles.AsNoTracking().Where(x => x.Id == article.Id).Select(x => x.Version).FirstOrDefaultAsync(ct);
            throw new ConcurrencyConflictException(change.Version - 1, current);
        }
        foreach (var handler in handlers)
            await handler.BeforeCommitAsync(change, ct);
        await db.SaveChangesAsync(ct);
        if (transaction is not null) await transaction.CommitAsync(ct);
        foreach (var handler in handlers)
            await handler.AfterCommitAsync(change, ct);
        return article;
    }

    private async Task ApplyAsync(Article a, ArticleInput input, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var headline = Clean(input.Headline) ?? "";
        errors.Required(nameof(input.Headline), headline, "Headline");
        errors.MaxLength(nameof(input.Headline), headline, FieldLimits.Headline, "Headline");

        var slug = await ChooseSlugAsync(a, Clean(input.Slug)?.ToLowerInvariant(), headline, errors, ct);

        var dek = Clean(input.Dek);
        errors.MaxLength(nameof(input.Dek), dek, FieldLimits.Dek, "Dek");
        if (!Enum.IsDefined(input.Kind))
            errors.Add(nameof(input.Kind), "Kind must be news, explainer, analysis or opinion.");
        var body = input.BodyMarkdown ?? "";
        errors.MaxLength(nameof(input.BodyMarkdown), body, FieldLimits.BodyMarkdown, "Body");

        var sections = CheckSections(input.Sections ?? [], errors);
        var attributions = CheckAttributions(input.Attributions ?? [], errors);
        var originalUrl = Clean(input.OriginalUrl);
        errors.MaxLength(nameof(input.OriginalUrl), originalUrl, FieldLimits.Url, "Original URL");
        errors.AbsoluteHttpUrl(nameof(input.OriginalUrl), originalUrl, "Original URL");
        var leadCaption = Clean(input.LeadImage?.Caption);
        errors.MaxLength("LeadImage.Caption", leadCaption, FieldLimits.Caption, "Lead image caption");
        if (input.LeadImage is { } lead && !await db.MediaAssets.AnyAsync(m => m.Id == lead.MediaId, ct))
            errors.Add("LeadImage.MediaId", $"There is no image {lead.MediaId} in the media library.");

        var related = await CheckRelatedAsync(a, input.RelatedArticleIds ?? [], errors, ct);

        var authorIds = (input.AuthorIds ?? []).Distinct().ToList();
        if (authorIds.Count > FieldLimits.MaxBylines)
            errors.Add(nameof(input.AuthorIds), $"At most {FieldLimits.MaxBylines} bylines.");
        var knownAuthors = await db.Authors.Where(x => authorIds.Contains(x.Id)).Select(x => x.Id).ToListAsync(ct);
        foreach (var missing in authorIds.Except(knownAuthors))
            errors.Add(nameof(input.AuthorIds), $"There is no author {missing}.");

        var tagNames = tags.CheckNames(input.Tags ?? [], nameof(input.Tags), errors);
        var corrections = CheckCorrections(input.Corrections ?? [], a, errors);

        // Rendered before anything changes, so that the images the Markdown names can be checked.
        // Text that has not changed keeps its HTML: an update to a headline renders nothing.
        var bodyHtml = a.Id != 0 && a.BodyMarkdown == body ? a.BodyHtml : renderer.Render(body);
        var answersHtml = sections.Select(s => UnchangedAnswerHtml(a, s) ?? renderer.Render(s.AnswerMarkdown, s.Anchor + "-")).ToList();
        await CheckInlineImagesAsync(
            answersHtml.Select((html, i) => ($"Sections[{i}].AnswerMarkdown", html)).Prepend((nameof(input.BodyMarkdown), bodyHtml)), errors, ct);
        errors.ThrowIfAny();

        a.Headline = headline;
        a.Slug = slug;
        a.Dek = dek;
        a.Kind = input.Kind;
        a.BodyMarkdown = body;
        a.BodyHtml = bodyHtml;
        a.OriginalUrl = originalUrl;
        a.LeadImageId = input.LeadImage?.MediaId;
        a.LeadImageCaption = input.LeadImage is null ? null : leadCaption;

        a.Sections.Clear();
        a.Sections.AddRange(sections.Select((s, i) => new QaSection
        {
            Position = i,
            Question = s.Question,
            AnswerMarkdown = s.AnswerMarkdown ?? "",
            AnswerHtml = answersHtml[i],
            Anchor = s.Anchor!,
        }));
        a.Attributions.Clear();
        a.Attributions.AddRange(attributions.Select((x, i) => new Attribution { Position = i, Text = x.Text, Organization = x.Organization }));
        Reconcile(a.RelatedArticles, related, r => r.RelatedArticleId, (r, i) => r.Position = i,
            (id, i) => new RelatedArticle { RelatedArticleId = id, Position = i });
        Reconcile(a.Bylines, authorIds, b => b.AuthorId, (b, i) => b.Position = i,
            (id, i) => new Authors.Byline { AuthorId = id, Position = i });
        var resolvedTags = await tags.ResolveAsync(tagNames, ct);
        var tagIds = resolvedTags.Select(t => t.Id).ToList();
        Reconcile(a.Tags, tagIds, t => t.TagId, (t, i) => t.Position = i,
            (id, i) => new ArticleTag { TagId = id, Tag = resolvedTags[i], Position = i });

        var now = clock.GetUtcNow();
        a.Corrections.RemoveAll(c => !corrections.Any(k => k.Id == c.Id));
        foreach (var c in corrections)
        {
            if (c.Id is { } existingId && a.Corrections.FirstOrDefault(x => x.Id == existingId) is { } existing)
            {
                existing.Kind = c.Kind;
                existing.Text = c.Text;
            }
            else
            {
                a.Corrections.Add(new CorrectionNote { Kind = c.Kind, Text = c.Text, PublishedAt = c.PublishedAt ?? now });
            }
        }
    }

    private async Task<List<int>> CheckRelatedAsync(Article a, IReadOnlyList<int> ids, ValidationErrors errors, CancellationToken ct)
    {
        const string field = nameof(ArticleInput.RelatedArticleIds);
        var related = ids.Distinct().ToList();
        if (related.Count > FieldLimits.MaxRelated)
            errors.Add(field, $"At most {FieldLimits.MaxRelated} related articles.");
        if (a.Id != 0 && related.Contains(a.Id))
            errors.Add(field, "An article cannot be related to itself.");
        var knownRelated = await db.Articles.Where(x => related.Contains(x.Id)).Select(x => x.Id).ToListAsync(ct);
        foreach (var missing in related.Except(knownRelated))
            errors.Add(field, $"There is no article {missing}.");
        return related;
    }

    // Join rows are keyed by what they point at: keep the ones that stay (with their new place),
    // drop the ones that went, add the new ones.
    private static void Reconcile<T>(List<T> current, IReadOnlyList<int> wanted, Func<T, int> key,
        Action<T, int> place, Func<int, int, T> create)
    {
        current.RemoveAll(x => !wanted.Contains(key(x)));
        for (var i = 0; i < wanted.Count; i++)
        {
            if (current.FirstOrDefault(x => key(x) == wanted[i]) is { } existing) place(existing, i);
            else current.Add(create(wanted[i], i));
        }
    }

    private async Task<string> ChooseSlugAsync(Article a, string? requested, string headline, ValidationErrors errors, CancellationToken ct)
    {
        if (requested is null)
        {
            // Suggested from the headline, made unique with a number, as a journalist would.
            if (a.Id != 0 && a.Slug.Length > 0) return a.Slug;
            var stem = Slugs.From(headline);
            if (stem.Length == 0) stem = "article";
            var candidate = stem;
            for (var n = 2; await SlugTakenAsync(candidate, a.Id, ct); n++)
                candidate = $"{Slugs.From(stem, FieldLimits.Slug - 6)}-{n}";
            return candidate;
        }
        if (!Slugs.IsValid(requested))
        {
            errors.Add("Slug", "A slug is lower-case letters, digits and single hyphens, such as \"what-the-vote-means\".");
            return requested;
        }
        if (await db.Articles.Where(x => x.Slug == requested && x.Id != a.Id).Select(x => x.Headline).FirstOrDefaultAsync(ct) is { } other)
            errors.Add("Slug", $"The slug \"{requested}\" is already used by \"{other}\".");
        return requested;
    }

    private Task<bool> SlugTakenAsync(string slug, int exceptId, CancellationToken ct) =>
        db.Articles.AnyAsync(x => x.Slug == slug && x.Id != exceptId, ct);

    private static List<QaSectionInput> CheckSections(IReadOnlyList<QaSectionInput> input, ValidationErrors errors)
    {
        if (input.Count > FieldLimits.MaxSections)
            errors.Add("Sections", $"At most {FieldLimits.MaxSections} questions.");
        var result = new List<QaSectionInput>();
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < input.Count; i++)
        {
            var s = input[i];
            var field = $"Sections[{i}]";
            if (s is null)
            {
                errors.Add(field, "A question is missing.");
                continue;
            }
            var question = Clean(s.Question) ?? "";
            errors.Required($"{field}.Question", question, "The question");
            errors.MaxLength($"{field}.Question", question, FieldLimits.Question, "The question");
            errors.MaxLength($"{field}.AnswerMarkdown", s.AnswerMarkdown, FieldLimits.Answer, "The answer");
            var anchor = Clean(s.Anchor)?.ToLowerInvariant();
            if (anchor is not null)
            {
                if (!Slugs.IsValid(anchor) || anchor.Length > FieldLimits.Anchor)
                    errors.Add($"{field}.Anchor", "An anchor is lower-case letters, digits and single hyphens.");
                else if (!anchors.Add(anchor))
                    errors.Add($"{field}.Anchor", $"The anchor \"{anchor}\" is used by another question.");
            }
            else
            {
                // A new question takes its anchor from its words; it then stays, even if reworded.
                var stem = Slugs.From(question, 80);
                if (stem.Length == 0) stem = $"question-{i + 1}";
                anchor = stem;
                for (var n = 2; !anchors.Add(anchor); n++) anchor = $"{stem}-{n}";
            }
            result.Add(new QaSectionInput(question, s.AnswerMarkdown?.Trim() ?? "", anchor));
        }
        return result;
    }

    private static List<AttributionInput> CheckAttributions(IReadOnlyList<AttributionInput> input, ValidationErrors errors)
    {
        if (input.Count > FieldLimits.MaxAttributions)
            errors.Add("Attributions", $"At most {FieldLimits.MaxAttributions} attributions.");
        var result = new List<AttributionInput>();
        for (var i = 0; i < input.Count; i++)
        {
            var field = $"Attributions[{i}]";
            var text = Clean(input[i]?.Text) ?? "";
            var organization = Clean(input[i]?.Organization);
            errors.Required($"{field}.Text", text, "The attribution");
            errors.MaxLength($"{field}.Text", text, FieldLimits.AttributionText, "The attribution");
            errors.MaxLength($"{field}.Organization", organization, FieldLimits.Organization, "The organisation");
            result.Add(new AttributionInput(text, organization));
        }
        return result;
    }

    private static List<CorrectionInput> CheckCorrections(IReadOnlyList<CorrectionInput> input, Article a, ValidationErrors errors)
    {
        if (input.Count > FieldLimits.MaxCorrections)
            errors.Add("Corrections", $"At most {FieldLimits.MaxCorrections} notes.");
        var result = new List<CorrectionInput>();
        for (var i = 0; i < input.Count; i++)
        {
            var field = $"Corrections[{i}]";
            var c = input[i];
            var text = Clean(c?.Text) ?? "";
            errors.Required($"{field}.Text", text, "The note");
            errors.MaxLength($"{field}.Text", text, FieldLimits.CorrectionText, "The note");
            if (c is null) continue;
            if (!Enum.IsDefined(c.Kind))
                errors.Add($"{field}.Kind", "A note is a correction or an update.");
            if (c.Id is { } id && a.Corrections.All(x => x.Id != id))
                errors.Add($"{field}.Id", $"This article has no note {id}.");
            result.Add(c with { Text = text });
        }
        return result;
    }

    // The stored HTML of a section with the same anchor (its ids' prefix) and the same Markdown.
    private static string? UnchangedAnswerHtml(Article a, QaSectionInput s) =>
        a.Id == 0 ? null : a.Sections.FirstOrDefault(x => x.Anchor == s.Anchor && x.AnswerMarkdown == (s.AnswerMarkdown ?? ""))?.AnswerHtml;

    // Every `![alt](media:N)` must name an image in the library.
    private async Task CheckInlineImagesAsync(IEnumerable<(string Field, string Html)> fields, ValidationErrors errors, CancellationToken ct)
    {
        var used = fields.SelectMany(f => InlineImages.References(f.Html).Select(r => (f.Field, r.MediaId))).ToList();
        if (used.Count == 0) return;
        var ids = used.Select(u => u.MediaId).Distinct().ToList();
        var known = await db.MediaAssets.Where(m => ids.Contains(m.Id)).Select(m => m.Id).ToListAsync(ct);
        foreach (var (field, id) in used.Where(u => !known.Contains(u.MediaId)).Distinct())
            errors.Add(field, $"There is no image {id} in the media library (written as media:{id}).");
    }

    private async Task EnsurePublishableAsync(Article a, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(a.BodyMarkdown) && a.Sections.Count == 0)
            errors.Add(nameof(ArticleInput.BodyMarkdown), "An article needs a body or at least one question before it is published.");
        if (a.LeadImageId is { } mediaId)
        {
            var media = await db.MediaAssets.AsNoTracking().Where(m => m.Id == mediaId)
                .Select(m => new { m.ContentHash, m.AltText }).FirstOrDefaultAsync(ct);
            if (media is { ContentHash: not null } && string.IsNullOrWhiteSpace(media.AltText))
                errors.Add("LeadImage.MediaId", "The lead image needs alt text before the article is published: describe it in the media library.");
        }
        var inline = a.Sections.OrderBy(s => s.Position)
            .Select(s => ($"Sections[{s.Position}].AnswerMarkdown", s.AnswerHtml)).Prepend((nameof(ArticleInput.BodyMarkdown), a.BodyHtml))
            .SelectMany(f => InlineImages.References(f.Item2).Where(r => r.Alt is null).Select(r => (Field: f.Item1, r.MediaId)))
            .ToList();
        if (inline.Count > 0)
        {
            var ids = inline.Select(i => i.MediaId).Distinct().ToList();
            var described = await db.MediaAssets.AsNoTracking().Where(m => ids.Contains(m.Id) && m.AltText != null && m.AltText != "")
                .Select(m => m.Id).ToListAsync(ct);
            foreach (var (field, id) in inline.Where(i => !described.Contains(i.MediaId)).Distinct())
                errors.Add(field, $"Image media:{id} needs alt text before the article is published: write it in the Markdown, ![like this](media:{id}), or in the media library.");
        }
        errors.ThrowIfAny();
    }

    private static void Publish(Article a, DateTimeOffset at)
    {
        a.Status = ArticleStatus.Published;
        // Republishing keeps the first publication date: it is in the URL and in news sitemaps.
        a.PublishedAt ??= at;
        a.ScheduledFor = null;
        a.UnpublishedAt = null;
    }

    private async Task RememberPathAsync(Article a, string oldPath, string newPath, DateTimeOffset now, CancellationToken ct)
    {
        // Back at an address it had before: that address is the page again, not a redirect.
        a.Redirects.RemoveAll(r => r.Path == newPath);
        if (a.Redirects.Any(r => r.Path == oldPath)) return;
        // Another article may have answered at this address once and moved on since: the address
        // now leads to the article that held it last.
        if (await db.ArticleRedirects.FirstOrDefaultAsync(r => r.Path == oldPath, ct) is { } taken)
        {
            taken.ArticleId = a.Id;
            taken.CreatedAt = now;
            return;
        }
        a.Redirects.Add(new ArticleRedirect { Path = oldPath, CreatedAt = now });
    }

    private void AddRevision(Article a, Actor actor, string action) =>
        db.ArticleRevisions.Add(new ArticleRevision
        {
            ArticleId = a.Id,
            Version = a.Version,
            CreatedAt = a.UpdatedAt,
            CreatedBy = actor.Name.Length > FieldLimits.Actor ? actor.Name[..FieldLimits.Actor] : actor.Name,
            CreatedByUserId = actor.UserId,
            Action = action,
            SnapshotJson = Snapshot(a),
        });

    private string Snapshot(Article a) => ArticleSnapshot.From(a).ToJson();

    private static void EnsureVersion(Article a, int expectedVersion)
    {
        if (a.Version != expectedVersion)
            throw new ConcurrencyConflictException(expectedVersion, a.Version);
    }

    private static void EnsureEditor(Actor actor, string what)
    {
        if (!actor.IsEditor)
            throw new ForbiddenException($"Only an editor can {what} articles.");
    }

    private static void EnsureCanEdit(Article a, Actor actor)
    {
        if (actor.IsEditor) return;
        if (a.CreatedByUserId is null || a.CreatedByUserId != actor.UserId)
            throw new ForbiddenException("Writers can change only their own articles.");
        if (a.Status is not (ArticleStatus.Draft or ArticleStatus.InReview))
            throw new ForbiddenException($"This article is {Describe(a.Status)}: only an editor can change it now.");
    }

    private static string Describe(ArticleStatus status) => status switch
    {
        ArticleStatus.InReview => "in review",
        _ => status.ToString().ToLowerInvariant(),
    };

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private Task<Article?> LoadAsync(int id, CancellationToken ct) =>
        db.Articles.AsNoTracking().WithChildren().FirstOrDefaultAsync(a => a.Id == id, ct);

    private async Task<Article> LoadTrackedAsync(int id, CancellationToken ct) =>
        await db.Articles.WithChildren().Include(a => a.Redirects).FirstOrDefaultAsync(a => a.Id == id, ct)
        ?? throw new NotFoundException($"Article {id}");
}
