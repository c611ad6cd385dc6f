using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace NewsCms.IntegrationTests.Infrastructure;

// The app on Kestrel at a loopback port with an empty database: requests cross a real socket,
// with real HTTP framing, chunking and connection handling, as an integrator's would.
public sealed class LoopbackNewsCmsFactory : NewsCmsFactory
{
    protected override bool SeedDemoContent => false;

    public Uri BaseAddress { get; }

    public LoopbackNewsCmsFactory()
    {
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        BaseAddress = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
    }

    public HttpClient SocketClient(string? bearer = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (bearer is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", bearer);
        return client;
    }
}
