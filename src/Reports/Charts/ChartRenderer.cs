using ScottPlot;
using SkiaSharp;
using VolunteerStats.Metrics.Indicators;
using VolunteerStats.Reports.Formatting;

namespace VolunteerStats.Reports.Charts;

/// <summary>
/// Draws the charts from rows <see cref="IndicatorService"/> computed (nothing is recomputed here). Met and not met
/// differ by colour and by pattern (not-met bars are hatched, not-met points are open markers) and carry a ✓/✗ mark,
/// so that a grey print or a colour-blind reader tells them apart.
/// </summary>
public static class ChartRenderer
{
    private static readonly Color Met = Color.FromHex("#2B6CB0");
    private static readonly Color NotMet = Color.FromHex("#DD6B20");
    private static readonly Color Unknown = Color.FromHex("#A0AEC0");
    private static readonly Color Target = Color.FromHex("#C53030");
    private static readonly Color ActiveColor = Color.FromHex("#38A169");

    public const int PanelWidth = 560;

    /// <summary>Each indicator of <paramref name="rows"/> (in rank order) against its target, one panel per indicator.</summary>
    public static ChartImage Ranking(IReadOnlyList<IndicatorRow> rows, string title, ChartFormat format) => Ranking(rows, title, format, ChartFonts.Family);

    /// <summary>Drawn with <paramref name="family"/> (tests draw with a font without Chinese to see what boxes look like).</summary>
    internal static ChartImage Ranking(IReadOnlyList<IndicatorRow> rows, string title, ChartFormat format, string family)
    {
        var marks = ChartFonts.Marks(family);
        var n = Math.Max(rows.Count, 1);
        var height = 150 + 34 * n;
        var names = rows.Select(r => Short(r.RegionName)).ToArray();
        var hoursTarget = rows.Count > 0 ? rows[0].HoursTarget : Fraction.Zero;
        var panels = new[]
        {
            Panel($"注册率（目标 13%）", rows, r => r.RegistrationRate, r => r.RegistrationMet, 0.13, v => Pct(v), names, true, family, marks, 100),
            Panel($"活跃率（目标 70%）", rows, r => r.ActiveRate, r => r.ActiveMet, 0.70, v => Pct(v), names, false, family, marks, 100),
            Panel($"人均服务时长（目标 {hoursTarget.Format(1)} 小时）", rows, r => r.AvgHours, r => r.HoursMet, hoursTarget.ToDouble(),
                v => v.ToString("0.0"), names, false, family, marks, 1),
        };
        return Compose(panels, [PanelWidth + 110, PanelWidth, PanelWidth], height, title, family, format);
    }

    /// <summary>The three indicators of one region month by month, with the targets (the hours target pro-rated by month).</summary>
    public static ChartImage Trend(IReadOnlyList<(int Month, IndicatorRow Row)> months, string title, ChartFormat format) => Trend(months, title, format, ChartFonts.Family);

    /// <summary>Drawn with <paramref name="family"/> (tests draw with a font without Chinese to see what boxes look like).</summary>
    internal static ChartImage Trend(IReadOnlyList<(int Month, IndicatorRow Row)> months, string title, ChartFormat format, string family)
    {
        var marks = ChartFonts.Marks(family);
        var panels = new[]
        {
            TrendPanel("注册率（%）", months, r => r.RegistrationRate, r => r.RegistrationMet, _ => 13, 100, "0.0", family, marks),
            TrendPanel("活跃率（%）", months, r => r.ActiveRate, r => r.ActiveMet, _ => 70, 100, "0.0", family, marks),
            TrendPanel("人均服务时长（小时）", months, r => r.AvgHours, r => r.HoursMet, r => r.HoursTarget.ToDouble(), 1, "0.0", family, marks),
        };
        return Compose(panels, [PanelWidth, PanelWidth, PanelWidth], 460, title, family, format);
    }

    /// <summary>Registered and active volunteers per region beside 13 % of its population (what the registration target asks).</summary>
    public static ChartImage Coverage(IReadOnlyList<IndicatorRow> rows, string title, ChartFormat format) => Coverage(rows, title, format, ChartFonts.Family);

    /// <summary>Drawn with <paramref name="family"/> (tests draw with a font without Chinese to see what boxes look like).</summary>
    internal static ChartImage Coverage(IReadOnlyList<IndicatorRow> rows, string title, ChartFormat format, string family)
    {
        var plot = NewPlot(family);
        var n = rows.Count;
        var bars = new List<Bar>();
        for (var i = 0; i < n; i++)
        {
            var r = rows[i];
            var x = i * 4;
            // 13 % of the population, drawn as an outlined hatched bar so the filled bars are read against it.
            if (r.Population is { } pop)
            {
                var needed = pop * 13 / 100.0;
                bars.Add(new Bar
                {
                    Position = x + 2, Value = needed, FillColor = Colors.White, FillHatch = new ScottPlot.Hatches.Striped(),
                    FillHatchColor = Unknown, LineColor = Target, LineWidth = 1.5f, Label = ChineseFormat.Tick(Math.Round(needed)),
                });
            }
            bars.Add(new Bar { Position = x, Value = r.Registered, FillColor = r.RegistrationMet == true ? Met : NotMet, LineWidth = 0,
                FillHatch = r.RegistrationMet == true ? null : new ScottPlot.Hatches.Striped(), FillHatchColor = Colors.White.WithAlpha(.55),
                Label = ChineseFormat.Count(r.Registered) });
            bars.Add(new Bar { Position = x + 1, Value = r.Active, FillColor = ActiveColor, LineWidth = 0, Label = ChineseFormat.Count(r.Active) });
        }
        var barPlot = plot.Add.Bars(bars);
        barPlot.ValueLabelStyle.FontName = family;
        barPlot.ValueLabelStyle.FontSize = 11;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, n).Select(i => i * 4 + 1.0).ToArray(), rows.Select(r => Short(r.RegionName)).ToArray());
        plot.Axes.Bottom.TickLabelStyle.Rotation = n > 8 ? -35 : 0;
        plot.Axes.Bottom.TickLabelStyle.Alignment = n > 8 ? Alignment.MiddleRight : Alignment.UpperCenter;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = ChineseFormat.Tick };
        plot.Axes.Left.Label.Text = "人数";
        plot.Axes.Margins(bottom: 0, top: 0.12);
        var legend = plot.Legend;
        legend.IsVisible = true;
        legend.Alignment = Alignment.UpperRight;
        legend.ManualItems.Add(new LegendItem { LabelText = "注册志愿者（达标）", FillColor = Met });
        legend.ManualItems.Add(new LegendItem { LabelText = "注册志愿者（未达标，斜纹）", FillColor = NotMet, FillHatch = new ScottPlot.Hatches.Striped(), FillHatchColor = Colors.White.WithAlpha(.55) });
        legend.ManualItems.Add(new LegendItem { LabelText = "活跃志愿者", FillColor = ActiveColor });
        legend.ManualItems.Add(new LegendItem { LabelText = "常住人口 × 13%（注册目标）", FillColor = Colors.White, FillHatch = new ScottPlot.Hatches.Striped(), FillHatchColor = Unknown, OutlineColor = Target, OutlineWidth = 1.5f });
        legend.FontName = family;
        var width = Math.Max(900, 120 + 110 * n);
        return Compose([plot], [width], 620, title, family, format);
    }

    private static string Pct(double v) => (v * 100).ToString("0.0") + "%";

    /// <summary>Long names shortened for an axis (the table carries them in full).</summary>
    private static string Short(string name) => ChineseFormat.OneLine(name) is var s && s.Length > 12 ? s[..11] + "…" : s;

    private static Plot NewPlot(string family)
    {
        var plot = new Plot();
        plot.Font.Set(family);
        plot.FigureBackground.Color = Colors.White;
        plot.Grid.MajorLineColor = Color.FromHex("#E2E8F0");
        plot.Axes.Color(Color.FromHex("#2D3748"));
        return plot;
    }

    private static Plot Panel(string heading, IReadOnlyList<IndicatorRow> rows, Func<IndicatorRow, Fraction?> value, Func<IndicatorRow, bool?> met,
        double target, Func<double, string> label, string[] names, bool showNames, string family, (string Met, string NotMet) marks, double scale)
    {
        var plot = NewPlot(family);
        var n = rows.Count;
        var bars = new List<Bar>();
        double max = target;
        for (var i = 0; i < n; i++)
        {
            var r = rows[i];
            var v = value(r);
            var ok = met(r);
            var y = n - 1 - i; // rank 1 on top
            var d = v?.ToDouble() ?? 0;
            max = Math.Max(max, d);
            bars.Add(new Bar
            {
                Position = y, Value = d * scale, Orientation = Orientation.Horizontal,
                FillColor = ok switch { true => Met, false => NotMet, null => Unknown },
                FillHatch = ok == true ? null : new ScottPlot.Hatches.Striped(), FillHatchColor = Colors.White.WithAlpha(.55),
                LineWidth = 0,
                Label = v is null ? "—" : $"{label(d)} {(ok == true ? marks.Met : marks.NotMet)}",
            });
        }
        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = true;
        barPlot.ValueLabelStyle.FontName = family;
        barPlot.ValueLabelStyle.FontSize = 13;
        var line = plot.Add.VerticalLine(target * scale, 2, Target, LinePattern.Dashed);
        line.LabelText = "目标";
        line.LabelFontName = family;
        line.LabelBackgroundColor = Target;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, n).Select(i => (double)(n - 1 - i)).ToArray(), showNames ? names : names.Select(_ => "").ToArray());
        plot.Axes.Left.TickLabelStyle.FontSize = 14;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = scale == 100 ? v => v.ToString("0") + "%" : ChineseFormat.Tick,
        };
        plot.Axes.SetLimitsX(0, max * scale * 1.28);
        plot.Axes.SetLimitsY(-0.7, n - 0.3);
        plot.Title(heading, 15);
        return plot;
    }

    private static Plot TrendPanel(string heading, IReadOnlyList<(int Month, IndicatorRow Row)> months, Func<IndicatorRow, Fraction?> value,
        Func<IndicatorRow, bool?> met, Func<IndicatorRow, double> target, double scale, string format, string family, (string Met, string NotMet) marks)
    {
        var plot = NewPlot(family);
        var xs = months.Select(m => (double)m.Month).ToArray();
        var known = months.Where(m => value(m.Row) is not null).ToList();
        var line = plot.Add.Scatter(known.Select(m => (double)m.Month).ToArray(), known.Select(m => value(m.Row)!.Value.ToDouble() * scale).ToArray(), Met);
        line.LineWidth = 2.5f;
        line.MarkerSize = 0;
        foreach (var (month, row) in known)
        {
            var v = value(row)!.Value.ToDouble() * scale;
            var ok = met(row) == true;
            var marker = plot.Add.Marker(month, v, ok ? MarkerShape.FilledCircle : MarkerShape.OpenCircle, 11, ok ? Met : NotMet);
            marker.MarkerLineWidth = 2.5f;
            var text = plot.Add.Text($"{v.ToString(format)}{(ok ? marks.Met : marks.NotMet)}", month, v);
            text.LabelFontName = family;
            text.LabelFontSize = 11;
            text.LabelFontColor = ok ? Met : NotMet;
            text.LabelAlignment = Alignment.LowerCenter;
            text.OffsetY = -8;
        }
        var targets = months.Select(m => target(m.Row) * (scale == 100 ? 1 : scale)).ToArray();
        var targetLine = plot.Add.Scatter(xs, targets, Target);
        targetLine.LinePattern = LinePattern.Dashed;
        targetLine.LineWidth = 2;
        targetLine.MarkerSize = 0;
        targetLine.LegendText = "目标";
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(xs, months.Select(m => $"{m.Month}月").ToArray());
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = ChineseFormat.Tick };
        var all = known.Select(m => value(m.Row)!.Value.ToDouble() * scale).Concat(targets).DefaultIfEmpty(1).ToList();
        plot.Axes.SetLimitsY(0, all.Max() * 1.25 + 0.01);
        plot.Axes.SetLimitsX(0.5, Math.Max(xs.DefaultIfEmpty(1).Max(), 1) + 0.5);
        plot.Title(heading, 15);
        plot.Legend.IsVisible = true;
        plot.Legend.FontName = family;
        plot.Legend.Alignment = Alignment.LowerRight;
        return plot;
    }

    /// <summary>Panels side by side under one title, drawn on one canvas (PNG raster or SVG).</summary>
    private static ChartImage Compose(IReadOnlyList<Plot> panels, int[] widths, int height, string title, string family, ChartFormat format)
    {
        const int titleHeight = 56;
        var width = widths.Sum();
        var totalHeight = height + titleHeight;
        void Draw(SKCanvas canvas)
        {
            canvas.Clear(SKColors.White);
            using (var typeface = SKTypeface.FromFamilyName(family))
            using (var font = new SKFont(typeface, 24))
            using (var paint = new SKPaint { Color = new SKColor(0x1A, 0x20, 0x2C), IsAntialias = true })
            {
                var w = font.MeasureText(title);
                canvas.DrawText(title, (width - w) / 2, 38, SKTextAlign.Left, font, paint);
            }
            var left = 0;
            for (var i = 0; i < panels.Count; i++)
            {
                // Each panel clears its own figure: clip and translate so that it clears only its part of the canvas.
                canvas.Save();
                canvas.ClipRect(new SKRect(left, titleHeight, left + widths[i], titleHeight + height));
                canvas.Translate(left, titleHeight);
                panels[i].Render(canvas, new PixelRect(0, widths[i], height, 0));
                canvas.Restore();
                left += widths[i];
            }
        }
        if (format == ChartFormat.Png)
        {
            using var surface = SKSurface.Create(new SKImageInfo(width, totalHeight, SKColorType.Rgba8888, SKAlphaType.Premul));
            Draw(surface.Canvas);
            using var image = surface.Snapshot();
            using var data = image.Encode(SKEncodedImageFormat.Png, 100);
            return new ChartImage(data.ToArray(), format, width, totalHeight);
        }
        using var stream = new MemoryStream();
        using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, width, totalHeight), stream))
            Draw(canvas);
        return new ChartImage(stream.ToArray(), format, width, totalHeight);
    }
}
