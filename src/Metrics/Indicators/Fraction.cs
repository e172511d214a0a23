using System.Globalization;
using System.Numerics;

namespace VolunteerStats.Metrics.Indicators;

/// <summary>
/// An exact rational number. The contract's comparisons, score and rank use unrounded values; doing them on
/// fractions of integers keeps ties ties and targets met exactly at the boundary.
/// </summary>
public readonly record struct Fraction : IComparable<Fraction>
{
    public BigInteger Num { get; }
    public BigInteger Den { get; }

    public Fraction(BigInteger num, BigInteger den)
    {
        if (den.IsZero) throw new DivideByZeroException();
        if (den.Sign < 0) { num = -num; den = -den; }
        var g = BigInteger.GreatestCommonDivisor(num, den);
        if (!g.IsZero && !g.IsOne) { num /= g; den /= g; }
        Num = num;
        Den = den;
    }

    public static Fraction Zero => new(0, 1);
    public static Fraction One => new(1, 1);

    public static Fraction operator +(Fraction a, Fraction b) => new(a.Num * b.Den + b.Num * a.Den, a.Den * b.Den);
    public static Fraction operator -(Fraction a, Fraction b) => new(a.Num * b.Den - b.Num * a.Den, a.Den * b.Den);
    public static Fraction operator *(Fraction a, Fraction b) => new(a.Num * b.Num, a.Den * b.Den);
    public static Fraction operator /(Fraction a, Fraction b) => new(a.Num * b.Den, a.Den * b.Num);

    public int CompareTo(Fraction other) => (Num * other.Den).CompareTo(other.Num * Den);

    public static Fraction Min(Fraction a, Fraction b) => a.CompareTo(b) <= 0 ? a : b;
    public static Fraction Max(Fraction a, Fraction b) => a.CompareTo(b) >= 0 ? a : b;

    public double ToDouble() => (double)Num / (double)Den;

    /// <summary>Decimal text with exactly <paramref name="decimals"/> places, rounded half away from zero.</summary>
    public string Format(int decimals)
    {
        var scale = BigInteger.Pow(10, decimals);
        var scaled = BigInteger.Abs(Num) * scale;
        var q = BigInteger.DivRem(scaled, Den, out var r);
        if (r * 2 >= Den) q += 1;
        var digits = q.ToString(CultureInfo.InvariantCulture).PadLeft(decimals + 1, '0');
        var sign = Num.Sign < 0 && !q.IsZero ? "-" : "";
        return decimals == 0 ? sign + digits : sign + digits[..^decimals] + "." + digits[^decimals..];
    }

    public decimal ToDecimal(int decimals) => decimal.Parse(Format(decimals), CultureInfo.InvariantCulture);

    public override string ToString() => $"{Num}/{Den}";
}
