using System.CommandLine;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Das.Engine.Access;
using Das.Jobs;
using Das.Jobs.Downloads;
using Das.Jobs.Model;
using Das.Jobs.Store;
using Microsoft.Extensions.DependencyInjection;

namespace Das.Cli.Commands;

/// <summary>
/// <c>das job create|list|show|cancel|delete|wait|upload</c> against a running Das (<c>--server</c>, default
/// <c>$DAS_URL</c> or http://127.0.0.1:5000), and <c>das download URL...</c>, which runs a download job in this
/// process with a progress line.
/// </summary>
internal static class JobCommands
{
    private static readonly JsonSerializerOptions Indented = new(JobJson.Options) { WriteIndented = true };

    public static Command Job()
    {
        var command = new Command("job", "Jobs on a running Das server (/api/jobs): create, list, show, cancel, delete, wait, upload.");
        var server = new Option<string>("--server")
        {
            Description = "The Das server (default $DAS_URL or http://127.0.0.1:5000).",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("DAS_URL") is { Length: > 0 } url ? url : "http://127.0.0.1:5000",
            Recursive = true,
        };
        command.Options.Add(server);

        var kind = new Argument<string>("kind") { Description = "The job kind (download, hips, mosaic, ...)." };
        var parameters = new Option<string>("--parameters", "-p") { Description = "The parameters: a JSON object, or @FILE.", DefaultValueFactory = _ => "{}" };
        var wait = new Option<bool>("--wait") { Description = "Wait for the job to end, showing its progress." };
        var create = new Command("create", "Create a job; prints it (or waits for it with --wait).") { kind, parameters, wait };
        create.SetAction((parse, ct) => Guard(parse, async () =>
        {
            var text = parse.GetValue(parameters)!;
            if (text.StartsWith('@'))
            {
                text = await File.ReadAllTextAsync(text[1..], ct);
            }
            JsonElement body;
            try
            {
                body = JsonDocument.Parse(text).RootElement.Clone();
            }
            catch (JsonException e)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("--parameters is not JSON: " + e.Message);
                return DasCli.UsageOrInputError;
            }
            using var client = Client(parse.GetValue(server)!);
            using var response = await client.PostAsJsonAsync("api/jobs", new { kind = parse.GetValue(kind), parameters = body }, ct);
            var answer = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(Errors(answer, response));
                return DasCli.UsageOrInputError;
            }
            var id = JsonDocument.Parse(answer).RootElement.GetProperty("id").GetString()!;
            if (!parse.GetValue(wait))
            {
                await parse.InvocationConfiguration.Output.WriteLineAsync(Pretty(answer));
                return 0;
            }
            return await WaitAsync(client, id, TimeSpan.FromDays(1), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, ct);
        }));
        command.Subcommands.Add(create);

        var list = new Command("list", "The caller's jobs, newest first: id, kind, phase, created.");
        list.SetAction((parse, ct) => Guard(parse, async () =>
        {
            using var client = Client(parse.GetValue(server)!);
            using var response = await client.GetAsync("api/jobs", ct);
            var answer = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(Errors(answer, response));
                return DasCli.UsageOrInputError;
            }
            foreach (var j in JsonDocument.Parse(answer).RootElement.GetProperty("jobs").EnumerateArray())
            {
                await parse.InvocationConfiguration.Output.WriteLineAsync(string.Join('\t',
                    j.GetProperty("id").GetString(), j.GetProperty("kind").GetString(), j.GetProperty("phase").GetString(), j.GetProperty("created").GetString()));
            }
            return 0;
        }));
        command.Subcommands.Add(list);

        foreach (var (name, description, method, path) in new[]
        {
            ("show", "One job as JSON: phase, progress, results, error.", HttpMethod.Get, ""),
            ("cancel", "Cancel the job.", HttpMethod.Post, "/cancel"),
            ("delete", "Cancel if running, then delete the job and its files.", HttpMethod.Delete, ""),
        })
        {
            var id = new Argument<string>("id") { Description = "The job's id." };
            var sub = new Command(name, description) { id };
            sub.SetAction((parse, ct) => Guard(parse, async () =>
            {
                using var client = Client(parse.GetValue(server)!);
                using var request = new HttpRequestMessage(method, "api/jobs/" + Uri.EscapeDataString(parse.GetValue(id)!) + path);
                using var response = await client.SendAsync(request, ct);
                var answer = await response.Content.ReadAsStringAsync(ct);
                if (!response.IsSuccessStatusCode)
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync(Errors(answer, response));
                    return DasCli.UsageOrInputError;
                }
                await parse.InvocationConfiguration.Output.WriteLineAsync(answer.Length == 0 ? "deleted" : Pretty(answer));
                return 0;
            }));
            command.Subcommands.Add(sub);
        }

        var files = new Argument<FileInfo[]>("file") { Description = "FITS files to upload.", Arity = ArgumentArity.OneOrMore };
        var upload = new Command("upload", "Upload FITS files as a completed \"upload\" job (POST /api/jobs/uploads); prints it. Its id is an input of hips and mosaic jobs.") { files };
        upload.SetAction((parse, ct) => Guard(parse, async () =>
        {
            var chosen = parse.GetValue(files)!;
            if (chosen.FirstOrDefault(f => !f.Exists) is { } missing)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("no file " + missing.FullName);
                return DasCli.UsageOrInputError;
            }
            using var client = Client(parse.GetValue(server)!);
            client.Timeout = Timeout.InfiniteTimeSpan; // large uploads take what they take; Ctrl+C stops
            using var form = new MultipartFormDataContent();
            var streams = new List<FileStream>();
            try
            {
                foreach (var f in chosen)
                {
                    var stream = f.OpenRead();
                    streams.Add(stream);
                    var part = new StreamContent(stream);
                    part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/fits");
                    form.Add(part, "file", f.Name);
                }
                using var response = await client.PostAsync("api/jobs/uploads", form, ct);
                var answer = await response.Content.ReadAsStringAsync(ct);
                if (!response.IsSuccessStatusCode)
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync(Errors(answer, response));
                    return DasCli.UsageOrInputError;
                }
                await parse.InvocationConfiguration.Output.WriteLineAsync(Pretty(answer));
                return 0;
            }
            finally
            {
                foreach (var stream in streams)
                {
                    await stream.DisposeAsync();
                }
            }
        }));
        command.Subcommands.Add(upload);

        var waitId = new Argument<string>("id") { Description = "The job's id." };
        var timeout = new Option<double>("--timeout") { Description = "Give up after this many seconds (exit code 3).", DefaultValueFactory = _ => 86400 };
        var waitCommand = new Command("wait", "Wait for the job to end, with a progress line on stderr; prints the job. Exit 0 when COMPLETED, 1 otherwise.") { waitId, timeout };
        waitCommand.SetAction((parse, ct) => Guard(parse, async () =>
        {
            using var client = Client(parse.GetValue(server)!);
            return await WaitAsync(client, parse.GetValue(waitId)!, TimeSpan.FromSeconds(parse.GetValue(timeout)), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, ct);
        }));
        command.Subcommands.Add(waitCommand);
        return command;
    }

    public static Command Download()
    {
        var urls = new Argument<string[]>("url") { Description = "The files to download (http or https).", Arity = ArgumentArity.OneOrMore };
        var output = new Option<DirectoryInfo>("--out", "-o") { Description = "Where to put the files.", DefaultValueFactory = _ => new DirectoryInfo(".") };
        var cap = new Option<long>("--max-mb") { Description = "Largest file in MB.", DefaultValueFactory = _ => new DownloadOptions().MaxFileMegabytes };
        var parallel = new Option<int>("--parallel") { Description = "Files at once.", DefaultValueFactory = _ => 3 };
        var command = new Command("download", "Download files here with resume after dropped connections, size cap and FITS checks, and a progress line; kept in the download store too.")
        {
            urls, output, cap, parallel,
        };
        command.SetAction(async (parse, ct) =>
        {
            var jobs = new JobOptions { Concurrency = 1 };
            var downloads = new DownloadOptions
            {
                AllowAnyHost = true, // the user's own machine fetching for the user: no proxy to protect
                MaxFileMegabytes = parse.GetValue(cap),
                DiskBudgetMegabytes = Math.Max(new DownloadOptions().DiskBudgetMegabytes, parse.GetValue(cap)),
                ParallelFiles = Math.Clamp(parse.GetValue(parallel), 1, 16),
                ProgressInterval = TimeSpan.FromMilliseconds(500),
            };
            await using var local = await LocalJobs.StartAsync(jobs, downloads, ct);
            var created = await local.Jobs.CreateAsync("download", JsonSerializer.SerializeToElement(new { urls = parse.GetValue(urls) }), AccessContext.Anonymous, ct);
            if (created.Job is not { } job)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(created.Problem);
                return DasCli.UsageOrInputError;
            }
            var error = parse.InvocationConfiguration.Error;
            await foreach (var e in local.Events.WatchAsync("anonymous", job.Id, ct))
            {
                if (e.Progress is { } p)
                {
                    await error.WriteAsync("\r" + ProgressLine.Of(p).PadRight(100));
                }
                if (e.Phase is not (JobPhase.Queued or JobPhase.Executing))
                {
                    break;
                }
            }
            await error.WriteLineAsync();
            var done = (await local.Jobs.GetAsync(job.Id, "anonymous", ct))!;
            var target = parse.GetValue(output)!;
            target.Create();
            foreach (var r in done.Results)
            {
                var path = Path.Combine(target.FullName, r.Name);
                File.Copy(r.Path!, path, overwrite: true);
                await parse.InvocationConfiguration.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{path}\t{r.Size}\t{r.MediaType}\t{r.Source}"));
            }
            if (done.Phase != JobPhase.Completed)
            {
                await error.WriteLineAsync(JobJson.PhaseName(done.Phase) + ": " + done.Error);
                return 1;
            }
            return 0;
        });
        return command;
    }

    private static async Task<int> WaitAsync(HttpClient client, string id, TimeSpan timeout, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        while (true)
        {
            using var response = await client.GetAsync("api/jobs/" + Uri.EscapeDataString(id), ct);
            var answer = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                await error.WriteLineAsync(Errors(answer, response));
                return DasCli.UsageOrInputError;
            }
            var job = JsonDocument.Parse(answer).RootElement;
            var phase = job.GetProperty("phase").GetString();
            if (job.TryGetProperty("progress", out var p) && p.ValueKind == JsonValueKind.Object)
            {
                await error.WriteAsync("\r" + (phase + "  " + ProgressLine.Of(p.Deserialize<JobProgress>(JobJson.Options)!)).PadRight(100));
            }
            if (phase is "COMPLETED" or "ERROR" or "ABORTED" or "INTERRUPTED")
            {
                await error.WriteLineAsync();
                await output.WriteLineAsync(Pretty(answer));
                return phase == "COMPLETED" ? 0 : 1;
            }
            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                await error.WriteLineAsync();
                await error.WriteLineAsync("still " + phase + " after the timeout");
                return 3;
            }
            await Task.Delay(TimeSpan.FromSeconds(1), TimeProvider.System, ct);
        }
    }

    /// <summary>A server that cannot be reached is a message and exit code 2, not a stack trace.</summary>
    private static async Task<int> Guard(ParseResult parse, Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (HttpRequestException e)
        {
            await parse.InvocationConfiguration.Error.WriteLineAsync("cannot reach the Das server: " + e.Message);
            return DasCli.UsageOrInputError;
        }
    }

    private static HttpClient Client(string address)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var server) || (server.Scheme != Uri.UriSchemeHttp && server.Scheme != Uri.UriSchemeHttps))
        {
            throw new HttpRequestException("--server must be an http or https URL, not '" + address + "'");
        }
        var client = new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>().CreateClient();
        client.BaseAddress = server.AbsoluteUri.EndsWith('/') ? server : new Uri(server.AbsoluteUri + "/");
        client.Timeout = TimeSpan.FromMinutes(2);
        return client;
    }

    private static string Pretty(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement, Indented);

    private static string Errors(string answer, HttpResponseMessage response)
    {
        try
        {
            var root = JsonDocument.Parse(answer).RootElement;
            if (root.TryGetProperty("errors", out var errors))
            {
                return string.Join(Environment.NewLine, errors.EnumerateArray().Select(e => e.GetProperty("parameter").GetString() + ": " + e.GetProperty("message").GetString()));
            }
        }
        catch (JsonException)
        {
            // not JSON: say the status
        }
        return string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
    }
}
