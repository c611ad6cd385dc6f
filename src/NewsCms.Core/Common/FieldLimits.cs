namespace NewsCms.Common;

// One table of maximum lengths: the schema, the validation messages and the API document read it.
public static class FieldLimits
{
    public const int Headline = 300;
    public const int Slug = 200;
    public const int Dek = 1000;
    public const int BodyMarkdown = 200_000;
    public const int Url = 2048;
    public const int Caption = 1000;
    public const int Question = 500;
    public const int Answer = 50_000;
    public const int Anchor = 120;
    public const int AttributionText = 500;
    public const int Organization = 200;
    public const int CorrectionText = 2000;
    public const int PersonName = 200;
    public const int JobTitle = 200;
    public const int Bio = 4000;
    public const int TagName = 100;
    public const int TagDescription = 1000;
    public const int AltText = 500;
    public const int CreditLine = 300;
    public const int CopyrightNotice = 500;
    public const int FileName = 255;
    public const int ContentType = 100;
    public const int ContentHash = 64;
    public const int Actor = 256;
    public const int RevisionAction = 200;
    public const int SiteName = 200;
    public const int SiteDescription = 1000;
    public const int ApiKeyName = 100;
    public const int WebhookEvents = 200;
    public const int WebhookError = 500;
    public const int WebhookResponse = 1000;
    public const int MaxSections = 100;
    public const int MaxBylines = 20;
    public const int MaxTags = 30;
    public const int MaxAttributions = 20;
    public const int MaxRelated = 20;
    public const int MaxCorrections = 100;
}
