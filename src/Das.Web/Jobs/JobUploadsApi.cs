using System.Runtime.CompilerServices;
using Das.Jobs.Uploads;
using Das.Web.Api;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Das.Web.Jobs;

/// <summary>
/// POST /api/jobs/uploads (multipart/form-data, one or more FITS files): 201 with a COMPLETED job of kind "upload"
/// whose results are the files, which "hips" and "mosaic" jobs take as input; 400 with the reason when a file is
/// empty or not FITS, 413 when the upload is over Das:Uploads:MaxMegabytes. Files stream to disk as they arrive.
/// </summary>
public static class JobUploadsApi
{
    /// <summary>Maps POST /api/jobs/uploads.</summary>
    public static IEndpointRouteBuilder MapJobUploadsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/api/jobs/uploads", UploadAsync).WithTags("Jobs").WithName("UploadFits").DisableAntiforgery()
            .WithSummary("Upload FITS files (multipart/form-data); 201 with a completed \"upload\" job whose results are the files, for hips and mosaic jobs. 400 when a file is empty or not FITS, 413 over Das:Uploads:MaxMegabytes.");
        return app;
    }

    // Multipart headers and boundaries around the files' bytes, allowed beyond the cap so the cap applies to the files.
    private const long Overhead = 1 << 20;

    private static async Task<IResult> UploadAsync(HttpContext context, JobUploads uploads, CancellationToken ct)
    {
        var request = context.Request;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
        {
            return Problem(StatusCodes.Status400BadRequest, "send multipart/form-data with one or more FITS files");
        }
        if (request.ContentLength is { } length && length > uploads.MaxBytes + Overhead)
        {
            return TooLarge(uploads);
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = uploads.MaxBytes + Overhead;
        }
        try
        {
            var created = await uploads.AddAsync(Files(new MultipartReader(boundary, request.Body), ct), QueryApi.Access(context.User), ct);
            if (created.Job is not { } job)
            {
                return created.Problem!.Contains("Das:Uploads:MaxMegabytes", StringComparison.Ordinal)
                    ? Problem(StatusCodes.Status413PayloadTooLarge, created.Problem)
                    : Problem(StatusCodes.Status400BadRequest, created.Problem);
            }
            return TypedResults.Created("/api/jobs/" + job.Id, JobView.Of(job));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(uploads);
        }
        catch (Exception e) when (e is InvalidDataException or IOException && !ct.IsCancellationRequested)
        {
            return Problem(StatusCodes.Status400BadRequest, "the multipart body could not be read: " + e.Message);
        }
    }

    private static async IAsyncEnumerable<UploadedFile> Files(MultipartReader reader, [EnumeratorCancellation] CancellationToken ct)
    {
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) && disposition.IsFileDisposition())
            {
                var name = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                yield return new UploadedFile(name, section.Body);
            }
        }
    }

    private static JsonHttpResult<JobsApi.ErrorList> TooLarge(JobUploads uploads) => Problem(StatusCodes.Status413PayloadTooLarge,
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the upload is larger than {uploads.MaxBytes / 1_000_000} MB (Das:Uploads:MaxMegabytes)"));

    private static JsonHttpResult<JobsApi.ErrorList> Problem(int status, string message) =>
        TypedResults.Json(new JobsApi.ErrorList([new JobsApi.ParameterError("file", message)]), statusCode: status);
}
