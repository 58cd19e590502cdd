namespace Das.Imaging;

/// <summary>
/// Where a HiPS or mosaic build is: the step running (its name, number and the number of steps), the fraction of the
/// whole build done (0–1), and a line for people ("TILES: 16/16 tiles", "mProjectPP 2 of 3: frb_host_r_02.fits").
/// </summary>
/// <param name="Step">The step's name: Hipsgen's action (INDEX, TILES, PNG, …) or Montage's program (mImgtbl, mProjectPP, mAdd, …).</param>
/// <param name="StepNumber">1-based number of the step.</param>
/// <param name="StepCount">How many steps the build has.</param>
/// <param name="Fraction">Fraction of the whole build done, 0 to 1.</param>
/// <param name="Message">What is happening, for a progress line.</param>
public sealed record ImagingProgress(string Step, int StepNumber, int StepCount, double Fraction, string Message);
