using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace NewsCms.IntegrationTests.Webhooks;

public sealed record ReceivedWebhook(string? Event, string? Delivery, string? Signature, string Body);

// A partner's endpoint on loopback: records what arrives and answers with the statuses queued.
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;

    private WebhookReceiver(WebApplication app) => this.app = app;

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();
    public ConcurrentQueue<int> Answers { get; } = new();

    // Bodies to answer with, in order; "thanks" or "try later" when none is queued.
    public ConcurrentQueue<string> Bodies { get; } = new();
    public string Url => app.Urls.First() + "/hook";

    // How long each answer takes: a slow partner keeps a delivery in flight.
    public TimeSpan Delay { get; set; }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var headers = context.Request.Headers;
            await Task.Delay(receiver.Delay, context.RequestAborted);
            receiver.Received.Enqueue(new ReceivedWebhook(headers["X-NewsCms-Event"], headers["X-NewsCms-Delivery"], headers["X-NewsCms-Signature"], body));
            context.Response.StatusCode = receiver.Answers.TryDequeue(out var status) ? status : 200;
            var answer = receiver.Bodies.TryDequeue(out var queued) ? queued : context.Response.StatusCode == 200 ? "thanks" : "try later";
            await context.Response.WriteAsync(answer, context.RequestAborted);
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        return receiver;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
