using Das.Imaging.Hips;
using Das.Imaging.Tests.Integration;
using Das.Imaging.Tools;

namespace Das.Imaging.Tests.Hips;

/// <summary>The HiPS of the DaCHS peer's 12 images, built once per run by Hipsgen through the cache, then checked.</summary>
[Trait("Category", "Integration")]
public sealed class HipsCacheTests
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static (HipsCache Cache, HipsBuild Build, IReadOnlyList<ImagingProgress> Progress)? _built;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static HipsCache NewCache(string root, ImagingToolOptions? tools = null) =>
        new(root, new HipsBuilder(tools ?? ImagingPeers.Tools, ToolRunner.System), TimeProvider.System);

    private static async Task<(HipsCache Cache, HipsBuild Build, IReadOnlyList<ImagingProgress> Progress)> BuiltAsync()
    {
        ImagingPeers.RequireHipsgen();
        var images = await DachsImages.DirectoryAsync(Ct);
        await Gate.WaitAsync(Ct);
        try
        {
            if (_built is null)
            {
                var cache = NewCache(Directory.CreateTempSubdirectory("das-hips-cache-").FullName);
                var progress = new ListProgress<ImagingProgress>();
                var build = await cache.GetOrBuildAsync(new HipsRequest { Inputs = [images], Title = "DaCHS synthetic images" }, progress, Ct);
                _built = (cache, build, progress.Items);
            }
            return _built.Value;
        }
        finally
        {
            Gate.Release();
        }
    }

    [Fact]
    public async Task Hips_of_the_12_dachs_images_passes_hipsgen_lint_and_check_run_again_on_its_own()
    {
        var (_, build, _) = await BuiltAsync();
        Assert.Equal(12, build.InputCount);
        Assert.NotEqual(HipsLintVerdict.NotCompatible, build.Lint);
        // A separate Hipsgen run over the finished folder: LINT against IVOA HiPS 1.0, CHECK against the check codes.
        var log = new HipsgenLog(["LINT", "CHECK"], 0, 2, null);
        var result = await ToolRunner.System.RunAsync(new ToolCommand
        {
            FileName = ImagingPeers.Tools.Java,
            Arguments = ["-Djava.awt.headless=true", "-jar", ImagingPeers.Tools.AladinJar, "-hipsgen", "out=" + build.Directory, "LINT", "CHECK"],
            DisplayName = "Hipsgen",
            InstallHint = ImagingToolOptions.HipsgenInstallHint,
        }, log.Read, Ct);
        Assert.Equal(0, result.ExitCode);
        Assert.False(log.Aborted, log.FailureText());
        Assert.Empty(log.Errors);
        Assert.True(log.LintVerdict is HipsLintVerdict.FullyCompatible or HipsLintVerdict.CompatibleWithWarnings, result.StandardOutput);
        Assert.True(log.CheckPassed, result.StandardOutput);
    }

    [Fact]
    public async Task Properties_say_equatorial_png_and_fits_tiles_at_the_order_of_2_arcsec_pixels()
    {
        var (_, build, _) = await BuiltAsync();
        var properties = HipsProperties.Read(Path.Combine(build.Directory, "properties"));
        Assert.Equal("equatorial", properties.Frame);
        Assert.Contains("png", properties.TileFormats);
        Assert.Contains("fits", properties.TileFormats);
        // 2″ pixels: HEALPix order 8 with 512-pixel tiles has 0.8″ pixels, order 7 1.6″; Hipsgen picks the first finer one.
        Assert.InRange(properties.Order ?? -1, 7, 9);
        Assert.Equal("DaCHS synthetic images", properties["obs_title"]);
        Assert.StartsWith("ivo://das.local/P/hips/", properties.CreatorDid, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(build.Directory, "Moc.fits")));
        Assert.NotEmpty(Directory.GetFiles(build.Directory, "Allsky.png", SearchOption.AllDirectories));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(build.Directory, $"Norder{properties.Order}"), "*.fits", SearchOption.AllDirectories));
        // Hipsgen ran in a staging folder: no path of this machine is published in the properties.
        Assert.DoesNotContain(Path.GetTempPath(), File.ReadAllText(Path.Combine(build.Directory, "properties")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Progress_walks_through_every_step_to_the_end()
    {
        var (_, _, progress) = await BuiltAsync();
        Assert.Equal(HipsBuilder.Steps("png"), progress.Select(p => p.Step).Distinct());
        Assert.Equal(1.0, progress[^1].Fraction, 9);
        Assert.All(progress, p => Assert.InRange(p.Fraction, 0, 1));
    }

    [Fact]
    public async Task The_same_images_again_come_from_the_cache_without_running_hipsgen()
    {
        var (cache, build, _) = await BuiltAsync();
        var images = await DachsImages.DirectoryAsync(Ct);
        // Java that does not exist: a cache hit must not need it.
        var offline = NewCache(cache.Root, ImagingPeers.Tools with { Java = "/nonexistent/java" });
        var again = await offline.GetOrBuildAsync(new HipsRequest { Inputs = [.. Directory.GetFiles(images).Reverse()], Title = "DaCHS synthetic images" }, null, Ct);
        Assert.True(again.FromCache);
        Assert.Equal(build.Key, again.Key);
        Assert.Equal(build.Directory, again.Directory);
        var entry = cache.Find(build.Key!);
        Assert.NotNull(entry);
        Assert.Equal("public", entry.Scope);
        Assert.Equal(12, entry.Inputs.Count);
    }

    [Fact]
    public async Task Another_scope_or_parameter_is_another_key_and_names_and_order_of_files_are_not()
    {
        var images = await DachsImages.DirectoryAsync(Ct);
        var files = Directory.GetFiles(images).Order(StringComparer.Ordinal).ToArray();
        var copy = Directory.CreateTempSubdirectory("das-hips-renamed-").FullName;
        foreach (var (file, i) in files.Select((f, i) => (f, i)))
        {
            File.Copy(file, Path.Combine(copy, $"renamed-{i}.fits"));
        }
        var request = new HipsRequest { Inputs = files };
        var (key, _) = await HipsCache.KeyOfAsync(request, files, Ct);
        var (renamed, _) = await HipsCache.KeyOfAsync(request, [.. Directory.GetFiles(copy).Reverse()], Ct);
        var (restricted, _) = await HipsCache.KeyOfAsync(request with { Scope = "group:eso-staff" }, files, Ct);
        var (ordered, _) = await HipsCache.KeyOfAsync(request with { Order = 6 }, files, Ct);
        var (fewer, _) = await HipsCache.KeyOfAsync(request, files[1..], Ct);
        Assert.True(HipsCache.IsKey(key));
        Assert.Equal(key, renamed);
        Assert.Equal(4, new[] { key, restricted, ordered, fewer }.Distinct().Count());
    }

    [Fact]
    public async Task Cancelling_a_build_kills_java_and_leaves_neither_a_hips_nor_a_staging_folder()
    {
        ImagingPeers.RequireHipsgen();
        var images = await DachsImages.DirectoryAsync(Ct);
        var root = Directory.CreateTempSubdirectory("das-hips-cancel-").FullName;
        var cache = NewCache(root);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var progress = new ListProgress<ImagingProgress>(p =>
        {
            if (p.Step == "TILES")
            {
                cts.Cancel();
            }
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cache.GetOrBuildAsync(new HipsRequest { Inputs = [images], Title = "cancelled" }, progress, cts.Token));
        Assert.DoesNotContain(progress.Items, p => p.Step is "PNG" or "CHECK");
        // No process is left working in the cache (Hipsgen runs with its working directory there).
        Assert.Empty(ProcessesWorkingUnder(root));
        Assert.Empty(Directory.EnumerateFileSystemEntries(root));
    }

    [Fact]
    public async Task Missing_java_or_aladin_jar_fails_with_the_packages_to_install()
    {
        var folder = Directory.CreateTempSubdirectory("das-hips-missing-").FullName;
        var image = ImagingPeers.WriteFits(Path.Combine(folder, "one.fits"), 4, 4);
        foreach (var tools in new[] { ImagingPeers.Tools with { Java = "/nonexistent/java" }, ImagingPeers.Tools with { AladinJar = "/nonexistent/aladin.jar" } })
        {
            var cache = NewCache(Path.Combine(folder, "cache"), tools);
            var ex = await Assert.ThrowsAsync<ToolMissingException>(() => cache.GetOrBuildAsync(new HipsRequest { Inputs = [image] }, null, Ct));
            Assert.StartsWith("Hipsgen needs Java and the Debian package aladin: apt-get install aladin default-jre-headless (/nonexistent/", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_file_that_is_not_fits_is_refused_by_name_before_anything_runs()
    {
        var folder = Directory.CreateTempSubdirectory("das-hips-bad-").FullName;
        var page = Path.Combine(folder, "error.fits");
        await File.WriteAllTextAsync(page, "<html>Service unavailable</html>", Ct);
        var cache = NewCache(Path.Combine(folder, "cache"));
        var ex = await Assert.ThrowsAsync<ImagingInputException>(() => cache.GetOrBuildAsync(new HipsRequest { Inputs = [page] }, null, Ct));
        Assert.Equal($"{page} is not a FITS file (it does not start with SIMPLE  =)", ex.Message);
        var none = await Assert.ThrowsAsync<ImagingInputException>(() => cache.GetOrBuildAsync(new HipsRequest { Inputs = [Path.Combine(folder, "nothing")] }, null, Ct));
        Assert.EndsWith("nothing: no such file or folder", none.Message, StringComparison.Ordinal);
    }

    private static List<int> ProcessesWorkingUnder(string root)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }
            try
            {
                var cwd = new DirectoryInfo(Path.Combine(dir, "cwd")).LinkTarget;
                if (cwd is not null && cwd.StartsWith(root, StringComparison.Ordinal) && Tools.ToolRunnerTests.IsAlive(pid))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        return found;
    }
}
