using Das.Imaging;
using Das.Imaging.Hips;
using Das.Imaging.Mosaics;
using Das.Imaging.Tools;
using Das.Jobs.Handlers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Das.Jobs.Imaging;

/// <summary>Registers the imaging job kinds ("hips", "mosaic") and the HiPS cache.</summary>
public static class ImagingJobsServiceCollectionExtensions
{
    /// <summary>
    /// The HiPS cache (in <see cref="ImagingOptions.HipsDirectory"/>, else <c>hips</c> under the jobs' data
    /// directory), the builders, and the two handlers. Call after <see cref="JobsServiceCollectionExtensions.AddDasJobs"/>.
    /// </summary>
    public static IServiceCollection AddDasImagingJobs(this IServiceCollection services, ImagingOptions imaging, JobOptions jobs)
    {
        ArgumentNullException.ThrowIfNull(imaging);
        ArgumentNullException.ThrowIfNull(jobs);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(imaging);
        services.AddSingleton(sp => new ToolRunner(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new HipsBuilder(imaging.Tools, sp.GetRequiredService<ToolRunner>()));
        services.AddSingleton(sp => new MosaicBuilder(imaging.Tools, sp.GetRequiredService<ToolRunner>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new HipsCache(HipsDirectoryOf(imaging, jobs), sp.GetRequiredService<HipsBuilder>(), sp.GetRequiredService<TimeProvider>(), imaging.HipsDiskBudgetBytes));
        services.AddSingleton<IJobHandler, HipsJobHandler>();
        services.AddSingleton<IJobHandler, MosaicJobHandler>();
        return services;
    }

    /// <summary>The HiPS cache folder in use.</summary>
    public static string HipsDirectoryOf(ImagingOptions imaging, JobOptions jobs)
    {
        ArgumentNullException.ThrowIfNull(imaging);
        ArgumentNullException.ThrowIfNull(jobs);
        return imaging.HipsDirectory ?? Path.Combine(jobs.ResolvedDataDirectory, "hips");
    }
}
