namespace Das.Sky.Frames;

/// <summary>
/// A 3×3 rotation matrix. <see cref="Rotation"/> uses the frame-rotation convention of the IAU SOFA/ERFA
/// <c>Rx/Ry/Rz</c> routines (positive angle rotates the axes anticlockwise seen from the positive axis).
/// </summary>
internal readonly record struct Matrix3(
    double M00, double M01, double M02,
    double M10, double M11, double M12,
    double M20, double M21, double M22)
{
    public static Matrix3 Identity => new(1, 0, 0, 0, 1, 0, 0, 0, 1);

    /// <summary>Frame rotation by <paramref name="degrees"/> about axis 0 (x), 1 (y) or 2 (z).</summary>
    public static Matrix3 Rotation(int axis, double degrees)
    {
        (double s, double c) = Math.SinCos(degrees * Math.PI / 180.0);
        return axis switch
        {
            0 => new Matrix3(1, 0, 0, 0, c, s, 0, -s, c),
            1 => new Matrix3(c, 0, -s, 0, 1, 0, s, 0, c),
            2 => new Matrix3(c, s, 0, -s, c, 0, 0, 0, 1),
            _ => throw new ArgumentOutOfRangeException(nameof(axis)),
        };
    }

    public static Matrix3 operator *(Matrix3 a, Matrix3 b) => new(
        (a.M00 * b.M00) + (a.M01 * b.M10) + (a.M02 * b.M20),
        (a.M00 * b.M01) + (a.M01 * b.M11) + (a.M02 * b.M21),
        (a.M00 * b.M02) + (a.M01 * b.M12) + (a.M02 * b.M22),
        (a.M10 * b.M00) + (a.M11 * b.M10) + (a.M12 * b.M20),
        (a.M10 * b.M01) + (a.M11 * b.M11) + (a.M12 * b.M21),
        (a.M10 * b.M02) + (a.M11 * b.M12) + (a.M12 * b.M22),
        (a.M20 * b.M00) + (a.M21 * b.M10) + (a.M22 * b.M20),
        (a.M20 * b.M01) + (a.M21 * b.M11) + (a.M22 * b.M21),
        (a.M20 * b.M02) + (a.M21 * b.M12) + (a.M22 * b.M22));

    public static Vector3 operator *(Matrix3 m, Vector3 v) => new(
        (m.M00 * v.X) + (m.M01 * v.Y) + (m.M02 * v.Z),
        (m.M10 * v.X) + (m.M11 * v.Y) + (m.M12 * v.Z),
        (m.M20 * v.X) + (m.M21 * v.Y) + (m.M22 * v.Z));

    public Matrix3 Transpose() => new(M00, M10, M20, M01, M11, M21, M02, M12, M22);
}
