using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace NewsCms.IntegrationTests.Infrastructure;

// The built app as an operator runs it: `dotnet NewsCms.Web.dll` in its own process, on a data
// directory and a loopback port, so a test can kill it as the kernel would (SIGKILL).
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly List<string> log = [];

    private AppProcess(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }

    // What the process wrote last, for a failure message.
    public string RecentLog
    {
        get { lock (log) return string.Join('\n', log.TakeLast(40)); }
    }

    public static ProcessStartInfo StartInfo(params IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "NewsCms.Web.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        // The process uses the database that belongs with its data directory, as a test host does.
        const string dataSetting = "--NewsCms:DataDirectory=";
        if (args.FirstOrDefault(a => a.StartsWith(dataSetting, StringComparison.Ordinal)) is { } data)
        {
            foreach (var (key, value) in TestDatabase.Settings(data[dataSetting.Length..]))
                start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        return start;
    }

    // Runs a command-line verb to its end.
    public static async Task<(int Exit, string Output, string Errors)> RunVerbAsync(IEnumerable<string> args, CancellationToken ct,
        string? shellFolder = null)
    {
        var start = StartInfo(args);
        // The shell's folder, as `dotnet run` started elsewhere would see it.
        if (shellFolder is not null) start.Environment["PWD"] = shellFolder;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var errors = process.StandardError.ReadToEndAsync(ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
    }

    // Starts the site and waits until /healthz answers.
    public static async Task<AppProcess> StartAsync(IEnumerable<string> settings, CancellationToken ct)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var process = Process.Start(StartInfo(settings.Append($"--urls={address}")))!;
        var app = new AppProcess(process, address);
        process.OutputDataReceived += (_, e) => app.Record(e.Data);
        process.ErrorDataReceived += (_, e) => app.Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        // Minutes, not seconds: on a loaded CI box a cold start with migrations has taken 40 s.
        while (deadline.Elapsed < TimeSpan.FromMinutes(3))
        {
            if (process.HasExited) throw new InvalidOperationException($"The app exited with {process.ExitCode}:\n{app.RecentLog}");
            try
            {
                using var response = await client.GetAsync("/healthz", ct);
                if (response.StatusCode == HttpStatusCode.OK) return app;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { }
            await Task.Delay(100, ct);
        }
        await app.DisposeAsync();
        throw new TimeoutException($"The app did not answer /healthz within three minutes:\n{app.RecentLog}");
    }

    // SIGKILL: no shutdown hooks, no flushing, no finishing of requests.
    public async Task KillAsync()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync(CancellationToken.None);
    }

    private void Record(string? line)
    {
        if (line is null) return;
        lock (log) log.Add(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process.Dispose();
    }
}
