using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Das.Engine.Access;
using Das.Jobs.Downloads;
using Das.Jobs.Model;
using Das.Jobs.Running;

namespace Das.Jobs.Uploads;

/// <summary>
/// Uploaded FITS files become a job of kind "upload" that is COMPLETED when created, whose results are the files, so
/// the "hips" and "mosaic" kinds take it as input like a download job (<c>{"inputs": ["JOBID"]}</c>), only for its
/// owner. Each file streams to the job's folder (never held in memory) and must be FITS: the card "SIMPLE  =" first
/// and a whole number of 2880-byte blocks. The whole upload is capped at <see cref="UploadOptions.MaxMegabytes"/>.
/// A refused upload leaves nothing behind.
/// </summary>
public sealed partial class JobUploads(JobService jobs, UploadOptions options)
{
    /// <summary>The job kind of uploads.</summary>
    public const string Kind = "upload";

    /// <summary>The cap in bytes, for the host's request limit.</summary>
    public long MaxBytes => options.MaxBytes;

    /// <summary>Stores the files as a completed upload job, or gives the first problem (the job then does not exist).</summary>
    public Task<JobCreation> AddAsync(IAsyncEnumerable<UploadedFile> files, AccessContext access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        return jobs.AddFinishedAsync(Kind, access, (directory, ct) => WriteAsync(files, directory, ct), cancellationToken);
    }

    private async Task<(IReadOnlyList<JobResult> Results, JsonElement Parameters, string? Problem)> WriteAsync(
        IAsyncEnumerable<UploadedFile> files, string directory, CancellationToken cancellationToken)
    {
        var results = new List<JobResult>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        long total = 0;
        var buffer = new byte[81920];
        int index = 0;
        await foreach (var file in files.WithCancellation(cancellationToken))
        {
            index++;
            if (index > options.MaxFiles)
            {
                return ([], default, string.Create(CultureInfo.InvariantCulture, $"at most {options.MaxFiles} files per upload (Das:Uploads:MaxFiles)"));
            }
            var name = Unique(names, SafeName(file.FileName, index));
            var at = string.Create(CultureInfo.InvariantCulture, $"file {index} ({name})");
            var path = Path.Combine(directory, name);
            long size = 0;
            await using (var output = File.Create(path))
            {
                int read;
                while ((read = await file.Content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    size += read;
                    total += read;
                    if (total > options.MaxBytes)
                    {
                        return ([], default, string.Create(CultureInfo.InvariantCulture,
                            $"{at}: the upload is larger than {options.MaxMegabytes} MB (Das:Uploads:MaxMegabytes)"));
                    }
                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }
            if (size == 0)
            {
                return ([], default, at + ": the file is empty");
            }
            if (FitsCheck.Problem(path, new Uri("file:///" + Uri.EscapeDataString(name)), name) is { } problem)
            {
                return ([], default, at + ": " + problem);
            }
            results.Add(new JobResult(name, path, "application/fits", size, Source: "uploaded as " + (file.FileName ?? name)));
        }
        if (results.Count == 0)
        {
            return ([], default, "no file: send one or more FITS files as multipart/form-data parts");
        }
        var parameters = JsonSerializer.SerializeToElement(new { files = results.Select(r => new { name = r.Name, size = r.Size }) });
        return (results, parameters, null);
    }

    /// <summary>A file name that is safe in a folder: the last segment only, no leading dots, plain characters.</summary>
    internal static string SafeName(string? given, int index)
    {
        var name = Path.GetFileName((given ?? "").Replace('\\', '/'));
        name = Unsafe().Replace(name, "_").TrimStart('.', '_');
        if (name.Length > 120)
        {
            name = name[^120..];
        }
        return name.Length == 0 ? string.Create(CultureInfo.InvariantCulture, $"upload-{index}.fits") : name;
    }

    private static string Unique(HashSet<string> names, string name)
    {
        var candidate = name;
        for (int n = 2; !names.Add(candidate); n++)
        {
            candidate = string.Create(CultureInfo.InvariantCulture, $"{n}-{name}");
        }
        return candidate;
    }

    [GeneratedRegex("[^A-Za-z0-9._+-]+")]
    private static partial Regex Unsafe();
}
