using System.Globalization;
using System.Text;
using System.Text.Json;
using Das.Jobs.Handlers;
using Das.Jobs.Model;

namespace Das.Jobs.Downloads;

/// <summary>
/// Job kind "download": fetches one or many files into the download store, <see cref="DownloadOptions.ParallelFiles"/>
/// at a time, reporting bytes, rate and ETA per file and in total every <see cref="DownloadOptions.ProgressInterval"/>.
/// Parameters: <c>{"files": [{"url": "https://...", "name": "m31-r.fits", "format": "fits"}, ...]}</c> (name and
/// format optional) or <c>{"urls": ["https://...", ...]}</c>. Each URL must pass the <see cref="IDownloadPolicy"/>
/// (the configured sources' hosts), so the server is never an open proxy. A file that fails does not stop the others;
/// the job then ends in ERROR naming each failed file, and keeps the files that arrived as its results.
/// </summary>
internal sealed class DownloadJobHandler(FileDownloader downloader, IDownloadPolicy policy, DownloadOptions options, TimeProvider time) : IJobHandler
{
    public const string KindName = "download";

    public string Kind => KindName;

    public async ValueTask<string?> CheckAsync(JobContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (files, problem) = Parse(context.Parameters);
        if (problem is not null)
        {
            return problem;
        }
        foreach (var f in files)
        {
            if ((await policy.CheckAsync(f.Url, context, cancellationToken)).Problem is { } refused)
            {
                return "may not download " + f.Url.AbsoluteUri + ": " + refused;
            }
        }
        return null;
    }

    public async Task<IReadOnlyList<JobResult>> RunAsync(JobContext context, IProgress<JobProgress> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(progress);
        var (requests, problem) = Parse(context.Parameters);
        if (problem is not null)
        {
            throw new JobFailedException(problem);
        }
        var files = requests.Select(r => new FileState(r.Url, r.Name, FitsCheck.Expected(r.Url, r.Name, null, r.Format))).ToList();
        var formats = requests.ToDictionary(r => r.Name, r => r.Format, StringComparer.Ordinal);
        using var reporting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reporter = new ProgressReporter(files, progress, time);
        var loop = reporter.RunAsync(options.ProgressInterval, reporting.Token);
        try
        {
            await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = options.ParallelFiles, CancellationToken = cancellationToken }, async (file, ct) =>
            {
                var permission = await policy.CheckAsync(file.Url, context, ct);
                if (permission.Scope is not { } scope)
                {
                    file.State = "failed";
                    file.Message = permission.Problem;
                    return;
                }
                file.State = "running";
                try
                {
                    file.Stored = await downloader.DownloadAsync(file, scope, formats[file.Name], ct);
                    file.State = "done";
                }
                catch (DownloadFailedException e)
                {
                    file.State = "failed";
                    file.Message = e.Message;
                }
            });
        }
        catch (OperationCanceledException)
        {
            foreach (var f in files.Where(f => f.State is "waiting" or "running"))
            {
                f.State = "cancelled";
            }
            throw;
        }
        finally
        {
            await reporting.CancelAsync();
            await loop;
            reporter.Report(); // the last word: every file's final state
        }
        var results = files.Where(f => f.Stored is not null).Select(f => new JobResult(f.Name, f.Stored!.Path, f.Stored.MediaType, f.Stored.Size, Source: f.Url.AbsoluteUri)).ToList();
        var failed = files.Where(f => f.State == "failed").ToList();
        if (failed.Count > 0)
        {
            var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"{failed.Count} of {files.Count} file(s) failed: "));
            text.AppendJoin("; ", failed.Select(f => f.Name + ": " + f.Message));
            throw new JobFailedException(text.ToString(), results);
        }
        return results;
    }

    private (IReadOnlyList<Request> Files, string? Problem) Parse(JsonElement parameters)
    {
        var list = new List<Request>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        IEnumerable<JsonElement> items;
        if (parameters.TryGetProperty("files", out var files) && files.ValueKind == JsonValueKind.Array)
        {
            items = files.EnumerateArray();
        }
        else if (parameters.TryGetProperty("urls", out var urls) && urls.ValueKind == JsonValueKind.Array)
        {
            items = urls.EnumerateArray();
        }
        else
        {
            return ([], "give \"files\": [{\"url\": ...}] or \"urls\": [...]");
        }
        var index = 0;
        foreach (var item in items)
        {
            index++;
            string? url = null, name = null, format = null;
            if (item.ValueKind == JsonValueKind.String)
            {
                url = item.GetString();
            }
            else if (item.ValueKind == JsonValueKind.Object)
            {
                url = item.TryGetProperty("url", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
                name = item.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
                format = item.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
            }
            var at = "file " + index.ToString(CultureInfo.InvariantCulture);
            if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                return ([], at + ": give an absolute http or https URL");
            }
            if (!string.IsNullOrEmpty(uri.UserInfo))
            {
                return ([], at + ": URLs with user:password are not accepted");
            }
            list.Add(new Request(uri, Unique(names, SafeName(name ?? Path.GetFileName(Uri.UnescapeDataString(uri.AbsolutePath)), index)), format));
            if (list.Count > options.MaxFilesPerJob)
            {
                return ([], string.Create(CultureInfo.InvariantCulture, $"at most {options.MaxFilesPerJob} files per download job (Das:Downloads:MaxFilesPerJob)"));
            }
        }
        return list.Count == 0 ? ([], "no files to download") : (list, null);
    }

    /// <summary>A result name: letters, digits, '.', '-', '_' only (it goes into URLs and onto disk), at most 100 characters.</summary>
    internal static string SafeName(string? name, int index)
    {
        var text = new StringBuilder();
        foreach (var c in name ?? "")
        {
            text.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
        }
        var safe = text.ToString().Trim('.');
        if (safe.Length > 100)
        {
            safe = safe[^100..];
        }
        return safe.Length == 0 ? "file-" + index.ToString(CultureInfo.InvariantCulture) : safe;
    }

    private static string Unique(HashSet<string> names, string name)
    {
        var candidate = name;
        for (var i = 2; !names.Add(candidate); i++)
        {
            var ext = Path.GetExtension(name);
            candidate = Path.GetFileNameWithoutExtension(name) + "-" + i.ToString(CultureInfo.InvariantCulture) + ext;
        }
        return candidate;
    }

    private sealed record Request(Uri Url, string Name, string? Format);
}
