using System;
using DataMux.Training;
using Spectre.Console;

namespace DataMux.Examples.Common;

/// <summary>
/// Shows a training run on the console: a live progress bar (phase, step, loss, retrieval accuracy, instances/s, time
/// left) where the output is a terminal, a plain line every tenth of each phase where it is not (a log, a pipe).
/// </summary>
public static class TrainingConsole
{
    /// <summary>Runs <paramref name="work"/>, showing the reports it makes to the progress it is handed.</summary>
    /// <param name="title">What is being trained, shown before every report.</param>
    /// <param name="work">The training, given the progress to report to.</param>
    public static T Run<T>(string title, Func<IProgress<TrainingProgress>, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            return work(new Reporter(report =>
            {
                if (report.Step % Math.Max(1, report.TotalSteps / 10) == 0 || report.Step == report.TotalSteps)
                    Console.WriteLine("    " + Describe(title, report));
            }));
        }

        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var bar = context.AddTask(Markup.Escape(title));
                result = work(new Reporter(report =>
                {
                    if (bar.MaxValue != report.TotalSteps || report.Step < bar.Value) bar = context.AddTask(Markup.Escape(title), maxValue: report.TotalSteps);
                    bar.Value = report.Step;
                    bar.Description = Markup.Escape(Describe(title, report));
                }));
            });
        return result;
    }

    /// <summary>One report in words: "title warm-up 120/300, loss 2.314, retrieval 41%, 910 inst/s".</summary>
    public static string Describe(string title, TrainingProgress report) =>
        $"{title} {(report.Phase == TrainingPhase.Warmup ? "warm-up" : "task")} {report.Step}/{report.TotalSteps}, loss {report.Loss:0.000}" +
        (report.RetrievalAccuracy is { } r ? $", retrieval {r * 100:0}%" : "") +
        (report.Validation is { } v ? $", validation {v.Accuracy * 100:0.0}%" : "") +
        $", {report.InstancesPerSecond:0} inst/s";

    /// <summary>Reports on the training thread, in order (the live display redraws from its own).</summary>
    private sealed class Reporter(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
