using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.Testing;
using NewsCms.IntegrationTests.Infrastructure;

namespace NewsCms.IntegrationTests.Admin;

// A browser-like session: its own cookies, forms filled from the page (antiforgery token included)
// and submitted with the button a person would press.
public sealed class AdminSession(HttpClient client) : IDisposable
{
    public HttpClient Client { get; } = client;

    // Who is signed in, as the services know them: for arranging articles they own.
    public NewsCms.Common.Actor? Actor { get; set; }

    // The sign-in cookie as the server set it, to replay it later as a thief would.
    public string? AuthCookie { get; private set; }

    public static HttpClient NewClient(NewsCmsFactory app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });

    public static async Task<AdminSession> SignInAsync(NewsCmsFactory app, string email, string password)
    {
        var session = new AdminSession(NewClient(app));
        var response = await session.LoginAsync(email, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return session;
    }

    public async Task<HttpResponseMessage> LoginAsync(string email, string password)
    {
        var page = await GetDocumentAsync("/admin/login");
        var response = await SubmitAsync(page.QuerySelector<IHtmlFormElement>("form[action='/admin/login']")!,
            new() { ["Email"] = email, ["Password"] = password });
        if (response.Headers.TryGetValues("Set-Cookie", out var cookies)
            && cookies.FirstOrDefault(c => c.StartsWith("newscms_admin=", StringComparison.Ordinal)) is { } auth)
            AuthCookie = auth.Split(';')[0];
        return response;
    }

    public async Task<HttpResponseMessage> GetAsync(string path) =>
        await Client.GetAsync(path, TestContext.Current.CancellationToken);

    public async Task<IDocument> GetDocumentAsync(string path)
    {
        using var response = await GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode} {response.Headers.Location}");
        return await ReadAsync(response);
    }

    public static async Task<IDocument> ReadAsync(HttpResponseMessage response) =>
        await NewsCmsFactory.ParseAsync(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

    // Posts a form as the browser would: every field as the page has it, with the changes given,
    // and the pressed button's name and value.
    public async Task<HttpResponseMessage> SubmitAsync(IHtmlFormElement form, Dictionary<string, string>? changes = null,
        string? button = null)
    {
        var fields = Fields(form);
        foreach (var (name, value) in changes ?? [])
        {
            fields.RemoveAll(f => f.Key == name);
            fields.Add(new(name, value));
        }
        if (button is not null) fields.Add(new("command", button));
        var action = form.GetAttribute("action")!;
        using var content = new FormUrlEncodedContent(fields);
        return await Client.PostAsync(action, content, TestContext.Current.CancellationToken);
    }

    public async Task<IDocument> FollowAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther,
            $"Expected a redirect, got {(int)response.StatusCode}");
        return await GetDocumentAsync(response.Headers.Location!.OriginalString);
    }

    public static List<KeyValuePair<string, string>> Fields(IHtmlFormElement form)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || element.HasAttribute("disabled")) continue;
            switch (element)
            {
                case IHtmlInputElement input when input.Type is "submit" or "button" or "file" or "image" or "reset":
                    break;
                case IHtmlInputElement input when input.Type is "checkbox" or "radio":
                    if (input.IsChecked) fields.Add(new(name, input.Value));
                    break;
                case IHtmlInputElement input:
                    fields.Add(new(name, input.Value));
                    break;
                case IHtmlTextAreaElement textarea:
                    fields.Add(new(name, textarea.Value));
                    break;
                case IHtmlSelectElement select:
                    var selected = select.Options.FirstOrDefault(o => o.IsSelected) ?? select.Options.FirstOrDefault();
                    if (selected is not null) fields.Add(new(name, selected.Value));
                    break;
            }
        }
        return fields;
    }

    public void Dispose() => Client.Dispose();
}
