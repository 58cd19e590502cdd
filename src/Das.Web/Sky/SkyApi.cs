namespace Das.Web.Sky;

/// <summary><c>GET /api/surveys</c>: the HiPS surveys the sky view offers, the default first.</summary>
public static class SkyApi
{
    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapSkyApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/surveys", (SurveyList surveys, IWebHostEnvironment environment) =>
                TypedResults.Ok(new { surveys = surveys.Available(environment.WebRootFileProvider).Select(s => new { id = s.Id, name = s.Name, url = s.Url }) }))
            .WithName("Surveys").WithSummary("The HiPS surveys of the sky view (id, name, URL relative to the page or absolute), the default first.");
        return app;
    }
}
