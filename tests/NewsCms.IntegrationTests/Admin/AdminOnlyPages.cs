using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace NewsCms.IntegrationTests.Admin;

// Shared checks for pages only Admins may use: what a Writer or Editor gets when they try.
public static class AdminOnlyPages
{
    // Asks every page and sends every form as a signed-in member would, with a valid antiforgery
    // token, so a refusal proves the role check and not a missing token.
    public static async Task AssertTurnedAwayAsync(AdminSession member, IEnumerable<string> pages, IEnumerable<string> posts)
    {
        var token = (await member.GetDocumentAsync("/admin/account/password"))
            .QuerySelector<IHtmlInputElement>("main form input[name='__RequestVerificationToken']")!.Value;
        var answers = new List<(string Request, HttpResponseMessage Response)>();
        foreach (var page in pages) answers.Add(($"GET {page}", await member.GetAsync(page)));
        foreach (var action in posts)
        {
            using var form = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]);
            answers.Add(($"POST {action}", await member.Client.PostAsync(action, form, TestContext.Current.CancellationToken)));
        }

        foreach (var (request, response) in answers)
        {
            Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.AbsolutePath == "/admin/denied",
                $"{request} answered {(int)response.StatusCode} {response.Headers.Location}");
            response.Dispose();
        }
    }

    // A secret shown once must not appear again anywhere on a page, in text or in an attribute.
    public static void AssertNowhere(IDocument page, string secret) =>
        Assert.DoesNotContain(page.All, e => e.TextContent.Contains(secret, StringComparison.Ordinal)
            || e.Attributes.Any(a => a.Value.Contains(secret, StringComparison.Ordinal)));

    public static IReadOnlyList<string> NavLinks(IDocument page) =>
        page.QuerySelectorAll("nav[aria-label='Admin'] a").Select(a => a.GetAttribute("href")!).ToList();
}
