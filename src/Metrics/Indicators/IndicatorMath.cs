using System.Numerics;
using VolunteerStats.Ingest.Parsing;

namespace VolunteerStats.Metrics.Indicators;

/// <summary>The formulas of CONTRACT §5, in exact arithmetic, and the ranking.</summary>
public static class IndicatorMath
{
    public static readonly Fraction RegistrationTarget = new(13, 100);
    public static readonly Fraction ActiveTarget = new(7, 10);

    public static Fraction HoursTarget(int month) => new(25 * month, 12);

    public static IndicatorRow Compute(string code, string name, string? parent, long? population, RegionCounts counts, int month)
    {
        var pop = population is > 0 ? population : null; // a population of 0 is unknown
        var reg = counts.Registered;
        var act = counts.Active;
        var totalHours = new Fraction(counts.TotalUnits, Hours.UnitsPerHour);
        var target = HoursTarget(month);

        Fraction? registrationRate = pop is { } p ? new Fraction(reg, p) : null;
        Fraction? activeRate = reg > 0 ? new Fraction(act, reg) : null;
        Fraction? avgHours = reg > 0 ? totalHours / new Fraction(reg, 1) : null;

        bool? registrationMet = pop is { } p2 ? 100 * (BigInteger)reg >= 13 * (BigInteger)p2 : null;
        bool? activeMet = reg > 0 ? 10 * (BigInteger)act >= 7 * (BigInteger)reg : null;
        bool? hoursMet = reg > 0 ? 12 * counts.TotalUnits >= 25 * (BigInteger)month * reg * Hours.UnitsPerHour : null;

        var sum = Fraction.Zero;
        if (registrationRate is { } rr) sum += Fraction.Min(rr / RegistrationTarget, Fraction.One);
        if (activeRate is { } ar) sum += Fraction.Min(ar / ActiveTarget, Fraction.One);
        if (avgHours is { } ah) sum += Fraction.Min(ah / target, Fraction.One);
        var score = new Fraction(100, 3) * sum;

        long? volunteersNeeded = pop is { } p3 ? Math.Max(0, CeilDiv(13 * (BigInteger)p3 - 100 * (BigInteger)reg, 100)) : null;
        var activeNeeded = Math.Max(0, CeilDiv(7 * (BigInteger)reg - 10 * (BigInteger)act, 10));
        var hoursNeeded = Fraction.Max(Fraction.Zero, target * new Fraction(reg, 1) - totalHours);

        return new IndicatorRow(code, name, RegionCodes.Level(code), parent, pop, reg, act, totalHours,
            registrationRate, activeRate, avgHours, target, registrationMet, activeMet, hoursMet, score, 0,
            volunteersNeeded, activeNeeded, hoursNeeded);
    }

    private static long CeilDiv(BigInteger a, BigInteger b)
    {
        var q = BigInteger.DivRem(a, b, out var r);
        if (r.Sign > 0) q += 1; // b > 0: round towards +∞
        return (long)q;
    }

    /// <summary>Score descending, then registration rate descending (unknown last), then code; 1, 2, 3… with no ties.</summary>
    public static List<IndicatorRow> Rank(IEnumerable<IndicatorRow> rows)
    {
        var ordered = rows.ToList();
        ordered.Sort((a, b) =>
        {
            var c = b.Score.CompareTo(a.Score);
            if (c != 0) return c;
            c = (a.RegistrationRate, b.RegistrationRate) switch
            {
                (null, null) => 0,
                (null, _) => 1,
                (_, null) => -1,
                ({ } x, { } y) => y.CompareTo(x),
            };
            return c != 0 ? c : string.CompareOrdinal(a.RegionCode, b.RegionCode);
        });
        return ordered.Select((r, i) => r with { Rank = i + 1 }).ToList();
    }
}
