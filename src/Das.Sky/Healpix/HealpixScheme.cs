namespace Das.Sky.Healpix;

/// <summary>The pixel numbering scheme of a HEALPix map (Górski et al. 2005, §4).</summary>
public enum HealpixScheme
{
    /// <summary>Hierarchical numbering: the four children of pixel <c>p</c> are <c>4p</c> … <c>4p + 3</c>. MOCs use it.</summary>
    Nested,

    /// <summary>Numbering along iso-latitude rings from the north pole; pixels of one ring are consecutive.</summary>
    Ring,
}
