using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace NewsCms.IntegrationTests.Infrastructure;

// A throwaway Redis (Debian's redis-server) on a free loopback port, nothing saved to disk. Locally
// a missing redis-server skips the test with the reason; CI's .ci/run installs it and sets
// NEWSCMS_REQUIRE_SERVERS=1, which turns the same gap into a failure.
public sealed class RedisServer : IAsyncDisposable
{
    private readonly Process process;

    private RedisServer(Process process, int port)
    {
        this.process = process;
        Port = port;
    }

    public int Port { get; }

    // What NewsCms:OutputCache:Redis takes.
    public string Configuration => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        var executable = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists);
        if (executable is null)
        {
            const string reason = "redis-server is not installed (apt-get install redis-server).";
            if (Environment.GetEnvironmentVariable("NEWSCMS_REQUIRE_SERVERS") == "1") throw new InvalidOperationException(reason);
            Assert.Skip(reason);
        }
        var port = FreePort();
        var process = Process.Start(new ProcessStartInfo(executable,
            ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var server = new RedisServer(process, port);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, TestContext.Current.CancellationToken);
                return server;
            }
            catch (SocketException)
            {
                await Task.Delay(50, TestContext.Current.CancellationToken);
            }
        }
        await server.DisposeAsync();
        throw new InvalidOperationException($"redis-server did not listen on port {port}.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited) process.Kill();
        await process.WaitForExitAsync();
        process.Dispose();
    }
}
