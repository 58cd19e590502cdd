using Das.Sources.Json;
using Das.Tables.Model;

namespace Das.Sources.Gemini;

/// <summary>
/// The columns Das keeps from the archive's jsonsummary records (each record is one file: the disk file's fields and
/// the header's), with their meaning, plus the download URL Das adds. The archive sends about sixty keys; these are the
/// ones a user choosing data needs.
/// </summary>
internal static class GeminiFields
{
    /// <summary>The column Das adds after <see cref="Fields"/>: the file's download URL, <c>https://archive.gemini.edu/file/{name}</c>.</summary>
    public static readonly Field AccessUrlField = JsonTable.Text("access_url", "meta.ref.url", "Download URL (proprietary data need a Gemini login)");

    public static readonly IReadOnlyList<Field> Fields =
    [
        JsonTable.Text("name", "meta.id;meta.file", "File name"),
        JsonTable.Text("data_label", "meta.id;meta.main", "Gemini data label"),
        JsonTable.Text("program_id", "meta.id;obs.proposal", "Programme"),
        JsonTable.Text("observation_id", "meta.id;obs", "Observation"),
        JsonTable.Text("instrument", "instr.setup", "Instrument"),
        JsonTable.Text("ut_datetime", "time.start;obs.exposure", "UT start of the exposure"),
        JsonTable.Text("object", "meta.id", "Target name (empty for proprietary data)"),
        JsonTable.Real("ra", "deg", "pos.eq.ra;meta.main", "Right ascension (empty for proprietary data)"),
        JsonTable.Real("dec", "deg", "pos.eq.dec;meta.main", "Declination (empty for proprietary data)"),
        JsonTable.Text("observation_type", "meta.code;obs", "OBJECT, FLAT, ARC, BIAS ..."),
        JsonTable.Text("observation_class", "meta.code;obs", "science, acq, partnerCal, progCal ..."),
        JsonTable.Text("filter_name", "instr.filter", "Filter"),
        JsonTable.Text("disperser", "instr.disperser", "Grating or prism"),
        JsonTable.Real("central_wavelength", null, "em.wl.central", "Central wavelength of the disperser setting"),
        JsonTable.Real("exposure_time", "s", "time.duration;obs.exposure", "Exposure time"),
        JsonTable.Flag("spectroscopy", "meta.code", "True for spectroscopic data"),
        JsonTable.Text("mode", "instr.setup", "imaging, LS (long slit), MOS, IFS ..."),
        JsonTable.Text("qa_state", "meta.code.qual", "Pass, Usable, Fail, Undefined, CHECK"),
        JsonTable.Text("release", "time.release", "Date the data become public"),
    ];
}
