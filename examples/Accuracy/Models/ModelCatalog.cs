using System;
using System.Threading;
using Accuracy.Runs;
using Accuracy.Tasks;
using DataMux.Training;

namespace Accuracy.Models;

/// <summary>The generated model of every cell kind, and the call that runs a cell on it (the trainer is generic in the model).</summary>
internal static class ModelCatalog
{
    /// <summary>
    /// The model variants besides B1: the DataMUX reference method, with the input shortcut, that started from the task's
    /// trained B1, with MUX-PLMs' learned keys, and the reference method with a 3-position context layer before the mix.
    /// </summary>
    public static readonly string[] Variants = ["reference", "shortcut", "shortcut-from-b1", "learned-keys", "context"];

    /// <summary>
    /// Whether a model is declared for <paramref name="cell"/>: every task, variant, GaussianHadamard or Orthogonal and N
    /// of the DataMUX method; MUX-PLMs' parts only where they are compared with it, on every task at N = 2 and 5
    /// (learned-keys with GaussianHadamard; the reference variant with Contextual), and the contextual mux on
    /// part-of-speech at N = 10 and 20; the context variant on part-of-speech with GaussianHadamard at every N above 1.
    /// </summary>
    public static bool IsDeclared(Cell cell) =>
        cell.IsBaseline
        || (cell.Variant is not ("learned-keys" or "context") && cell.Mux is "GaussianHadamard" or "Orthogonal")
        || (cell is { Task: "pos", Variant: "context", Mux: "GaussianHadamard", N: > 1 })
        || (cell is { Task: "pos", N: 10 or 20, Variant: "reference", Mux: "Contextual" })
        || (cell.N is 2 or 5
            && ((cell.Variant, cell.Mux) is ("learned-keys", "GaussianHadamard") or ("reference", "Contextual")));

    /// <summary>Runs <paramref name="cell"/> with <paramref name="runner"/> on a fresh model of its kind.</summary>
    public static CellResult Run(Cell cell, CellRunner runner, TaskData data, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken) =>
        (cell.Task, cell.Variant, cell.Mux, cell.N) switch
        {
            ("pos", "plain", "B1", 1) => runner.Run(cell, data, () => new PosPlain(), progress, cancellationToken),
            ("pos", "reference", "GaussianHadamard", 1) => runner.Run(cell, data, () => new PosReferenceHadamard1(), progress, cancellationToken),
            ("pos", "reference", "GaussianHadamard", 2) => runner.Run(cell, data, () => new PosReferenceHadamard2(), progress, cancellationToken),
            ("pos", "reference", "GaussianHadamard", 5) => runner.Run(cell, data, () => new PosReferenceHadamard5(), progress, cancellationToken),
            ("pos", "reference", "GaussianHadamard", 10) => runner.Run(cell, data, () => new PosReferenceHadamard10(), progress, cancellationToken),
            ("pos", "reference", "GaussianHadamard", 20) => runner.Run(cell, data, () => new PosReferenceHadamard20(), progress, cancellationToken),
            ("pos", "reference", "GaussianHadamard", 40) => runner.Run(cell, data, () => new PosReferenceHadamard40(), progress, cancellationToken),
            ("pos", "reference", "Orthogonal", 1) => runner.Run(cell, data, () => new PosReferenceOrthogonal1(), progress, cancellationToken),
            ("pos", "reference", "Orthogonal", 2) => runner.Run(cell, data, () => new PosReferenceOrthogonal2(), progress, cancellationToken),
            ("pos", "reference", "Orthogonal", 5) => runner.Run(cell, data, () => new PosReferenceOrthogonal5(), progress, cancellationToken),
            ("pos", "reference", "Orthogonal", 10) => runner.Run(cell, data, () => new PosReferenceOrthogonal10(), progress, cancellationToken),
            ("pos", "reference", "Orthogonal", 20) => runner.Run(cell, data, () => new PosReferenceOrthogonal20(), progress, cancellationToken),
            ("pos", "reference", "Orthogonal", 40) => runner.Run(cell, data, () => new PosReferenceOrthogonal40(), progress, cancellationToken),
            ("pos", "shortcut", "GaussianHadamard", 1) => runner.Run(cell, data, () => new PosShortcutHadamard1(), progress, cancellationToken),
            ("pos", "shortcut", "GaussianHadamard", 2) => runner.Run(cell, data, () => new PosShortcutHadamard2(), progress, cancellationToken),
            ("pos", "shortcut", "GaussianHadamard", 5) => runner.Run(cell, data, () => new PosShortcutHadamard5(), progress, cancellationToken),
            ("pos", "shortcut", "GaussianHadamard", 10) => runner.Run(cell, data, () => new PosShortcutHadamard10(), progress, cancellationToken),
            ("pos", "shortcut", "GaussianHadamard", 20) => runner.Run(cell, data, () => new PosShortcutHadamard20(), progress, cancellationToken),
            ("pos", "shortcut", "GaussianHadamard", 40) => runner.Run(cell, data, () => new PosShortcutHadamard40(), progress, cancellationToken),
            ("pos", "shortcut", "Orthogonal", 1) => runner.Run(cell, data, () => new PosShortcutOrthogonal1(), progress, cancellationToken),
            ("pos", "shortcut", "Orthogonal", 2) => runner.Run(cell, data, () => new PosShortcutOrthogonal2(), progress, cancellationToken),
            ("pos", "shortcut", "Orthogonal", 5) => runner.Run(cell, data, () => new PosShortcutOrthogonal5(), progress, cancellationToken),
            ("pos", "shortcut", "Orthogonal", 10) => runner.Run(cell, data, () => new PosShortcutOrthogonal10(), progress, cancellationToken),
            ("pos", "shortcut", "Orthogonal", 20) => runner.Run(cell, data, () => new PosShortcutOrthogonal20(), progress, cancellationToken),
            ("pos", "shortcut", "Orthogonal", 40) => runner.Run(cell, data, () => new PosShortcutOrthogonal40(), progress, cancellationToken),
            ("pos", "shortcut-from-b1", "GaussianHadamard", 1) => runner.RunFromPlain(cell, data, () => new PosShortcutHadamard1(), () => new PosPlain(), progress, cancellationToken),
            ("pos", "shortcut-from-b1", "GaussianHadamard", 2) => runner.RunFromPlain(cell, data, () => new PosShortcutHadamard2(), () => new PosPlain(), progress, cancellationToken),
            ("pos", "shortcut-from-b1", "GaussianHadamard", 5) => runner.RunFromPlain(cell, data, () => new PosShortcutHadamard5(), () => new PosPlain(), progress, cancellationToken),
            ("pos", "shortcut-from-b1", "GaussianHadamard", 10) => runner.RunFromPlain(cell, data, () => new PosShortcutHadamard10(), () => new PosPlain(), progress, cancellationToken),
            ("pos", "shortcut-from-b1", "GaussianHadamard", 20) => runner.RunFromPlain(cell, data, () => new PosShortcutHadamard20(), () => new PosPlain(), progress, cancellationToken),
            ("pos", "shortcut-from-b1", "GaussianHadamard", 40) => runner.RunFromPlain(cell, data, () => new PosShortcutHadamard40(), () => new PosPlain(), progress, cancellationToken),
            ("pos", "shortcut-from-b1", "Orthogonal", 1) => runner.RunFromPlain(cell, data, () => new PosShortcutOrthogonal1(), () => new PosPlain(), progress, cancellationToken),
            ("pos", "shortcut-from-b1", "Orthogonal", 2) => runner.RunFromPlain(cell, data, () => new PosShortcutOrthogonal2(), () => new PosPlain(), progress, cancellationToken),
            ("pos", "shortcut-from-b1", "Orthogonal", 5) => runner.RunFromPlain(cell, data, () => new PosShortcutOrthogonal5(), () => new PosPlain(), progress, cancellationToken),
            ("pos", "shortcut-from-b1", "Orthogonal", 10) => runner.RunFromPlain(cell, data, () => new PosShortcutOrthogonal10(), () => new PosPlain(), progress, cancellationToken),
            ("pos", "shortcut-from-b1", "Orthogonal", 20) => runner.RunFromPlain(cell, data, () => new PosShortcutOrthogonal20(), () => new PosPlain(), progress, cancellationToken),
            ("pos", "shortcut-from-b1", "Orthogonal", 40) => runner.RunFromPlain(cell, data, () => new PosShortcutOrthogonal40(), () => new PosPlain(), progress, cancellationToken),
            ("pos", "context", "GaussianHadamard", 2) => runner.Run(cell, data, () => new PosContextHadamard2(), progress, cancellationToken),
            ("pos", "context", "GaussianHadamard", 5) => runner.Run(cell, data, () => new PosContextHadamard5(), progress, cancellationToken),
            ("pos", "context", "GaussianHadamard", 10) => runner.Run(cell, data, () => new PosContextHadamard10(), progress, cancellationToken),
            ("pos", "context", "GaussianHadamard", 20) => runner.Run(cell, data, () => new PosContextHadamard20(), progress, cancellationToken),
            ("pos", "context", "GaussianHadamard", 40) => runner.Run(cell, data, () => new PosContextHadamard40(), progress, cancellationToken),
            ("genre", "plain", "B1", 1) => runner.Run(cell, data, () => new GenrePlain(), progress, cancellationToken),
            ("genre", "reference", "GaussianHadamard", 1) => runner.Run(cell, data, () => new GenreReferenceHadamard1(), progress, cancellationToken),
            ("genre", "reference", "GaussianHadamard", 2) => runner.Run(cell, data, () => new GenreReferenceHadamard2(), progress, cancellationToken),
            ("genre", "reference", "GaussianHadamard", 5) => runner.Run(cell, data, () => new GenreReferenceHadamard5(), progress, cancellationToken),
            ("genre", "reference", "GaussianHadamard", 10) => runner.Run(cell, data, () => new GenreReferenceHadamard10(), progress, cancellationToken),
            ("genre", "reference", "GaussianHadamard", 20) => runner.Run(cell, data, () => new GenreReferenceHadamard20(), progress, cancellationToken),
            ("genre", "reference", "GaussianHadamard", 40) => runner.Run(cell, data, () => new GenreReferenceHadamard40(), progress, cancellationToken),
            ("genre", "reference", "Orthogonal", 1) => runner.Run(cell, data, () => new GenreReferenceOrthogonal1(), progress, cancellationToken),
            ("genre", "reference", "Orthogonal", 2) => runner.Run(cell, data, () => new GenreReferenceOrthogonal2(), progress, cancellationToken),
            ("genre", "reference", "Orthogonal", 5) => runner.Run(cell, data, () => new GenreReferenceOrthogonal5(), progress, cancellationToken),
            ("genre", "reference", "Orthogonal", 10) => runner.Run(cell, data, () => new GenreReferenceOrthogonal10(), progress, cancellationToken),
            ("genre", "reference", "Orthogonal", 20) => runner.Run(cell, data, () => new GenreReferenceOrthogonal20(), progress, cancellationToken),
            ("genre", "reference", "Orthogonal", 40) => runner.Run(cell, data, () => new GenreReferenceOrthogonal40(), progress, cancellationToken),
            ("genre", "shortcut", "GaussianHadamard", 1) => runner.Run(cell, data, () => new GenreShortcutHadamard1(), progress, cancellationToken),
            ("genre", "shortcut", "GaussianHadamard", 2) => runner.Run(cell, data, () => new GenreShortcutHadamard2(), progress, cancellationToken),
            ("genre", "shortcut", "GaussianHadamard", 5) => runner.Run(cell, data, () => new GenreShortcutHadamard5(), progress, cancellationToken),
            ("genre", "shortcut", "GaussianHadamard", 10) => runner.Run(cell, data, () => new GenreShortcutHadamard10(), progress, cancellationToken),
            ("genre", "shortcut", "GaussianHadamard", 20) => runner.Run(cell, data, () => new GenreShortcutHadamard20(), progress, cancellationToken),
            ("genre", "shortcut", "GaussianHadamard", 40) => runner.Run(cell, data, () => new GenreShortcutHadamard40(), progress, cancellationToken),
            ("genre", "shortcut", "Orthogonal", 1) => runner.Run(cell, data, () => new GenreShortcutOrthogonal1(), progress, cancellationToken),
            ("genre", "shortcut", "Orthogonal", 2) => runner.Run(cell, data, () => new GenreShortcutOrthogonal2(), progress, cancellationToken),
            ("genre", "shortcut", "Orthogonal", 5) => runner.Run(cell, data, () => new GenreShortcutOrthogonal5(), progress, cancellationToken),
            ("genre", "shortcut", "Orthogonal", 10) => runner.Run(cell, data, () => new GenreShortcutOrthogonal10(), progress, cancellationToken),
            ("genre", "shortcut", "Orthogonal", 20) => runner.Run(cell, data, () => new GenreShortcutOrthogonal20(), progress, cancellationToken),
            ("genre", "shortcut", "Orthogonal", 40) => runner.Run(cell, data, () => new GenreShortcutOrthogonal40(), progress, cancellationToken),
            ("genre", "shortcut-from-b1", "GaussianHadamard", 1) => runner.RunFromPlain(cell, data, () => new GenreShortcutHadamard1(), () => new GenrePlain(), progress, cancellationToken),
            ("genre", "shortcut-from-b1", "GaussianHadamard", 2) => runner.RunFromPlain(cell, data, () => new GenreShortcutHadamard2(), () => new GenrePlain(), progress, cancellationToken),
            ("genre", "shortcut-from-b1", "GaussianHadamard", 5) => runner.RunFromPlain(cell, data, () => new GenreShortcutHadamard5(), () => new GenrePlain(), progress, cancellationToken),
            ("genre", "shortcut-from-b1", "GaussianHadamard", 10) => runner.RunFromPlain(cell, data, () => new GenreShortcutHadamard10(), () => new GenrePlain(), progress, cancellationToken),
            ("genre", "shortcut-from-b1", "GaussianHadamard", 20) => runner.RunFromPlain(cell, data, () => new GenreShortcutHadamard20(), () => new GenrePlain(), progress, cancellationToken),
            ("genre", "shortcut-from-b1", "GaussianHadamard", 40) => runner.RunFromPlain(cell, data, () => new GenreShortcutHadamard40(), () => new GenrePlain(), progress, cancellationToken),
            ("genre", "shortcut-from-b1", "Orthogonal", 1) => runner.RunFromPlain(cell, data, () => new GenreShortcutOrthogonal1(), () => new GenrePlain(), progress, cancellationToken),
            ("genre", "shortcut-from-b1", "Orthogonal", 2) => runner.RunFromPlain(cell, data, () => new GenreShortcutOrthogonal2(), () => new GenrePlain(), progress, cancellationToken),
            ("genre", "shortcut-from-b1", "Orthogonal", 5) => runner.RunFromPlain(cell, data, () => new GenreShortcutOrthogonal5(), () => new GenrePlain(), progress, cancellationToken),
            ("genre", "shortcut-from-b1", "Orthogonal", 10) => runner.RunFromPlain(cell, data, () => new GenreShortcutOrthogonal10(), () => new GenrePlain(), progress, cancellationToken),
            ("genre", "shortcut-from-b1", "Orthogonal", 20) => runner.RunFromPlain(cell, data, () => new GenreShortcutOrthogonal20(), () => new GenrePlain(), progress, cancellationToken),
            ("genre", "shortcut-from-b1", "Orthogonal", 40) => runner.RunFromPlain(cell, data, () => new GenreShortcutOrthogonal40(), () => new GenrePlain(), progress, cancellationToken),
            ("sentiment", "plain", "B1", 1) => runner.Run(cell, data, () => new SentimentPlain(), progress, cancellationToken),
            ("sentiment", "reference", "GaussianHadamard", 1) => runner.Run(cell, data, () => new SentimentReferenceHadamard1(), progress, cancellationToken),
            ("sentiment", "reference", "GaussianHadamard", 2) => runner.Run(cell, data, () => new SentimentReferenceHadamard2(), progress, cancellationToken),
            ("sentiment", "reference", "GaussianHadamard", 5) => runner.Run(cell, data, () => new SentimentReferenceHadamard5(), progress, cancellationToken),
            ("sentiment", "reference", "GaussianHadamard", 10) => runner.Run(cell, data, () => new SentimentReferenceHadamard10(), progress, cancellationToken),
            ("sentiment", "reference", "GaussianHadamard", 20) => runner.Run(cell, data, () => new SentimentReferenceHadamard20(), progress, cancellationToken),
            ("sentiment", "reference", "GaussianHadamard", 40) => runner.Run(cell, data, () => new SentimentReferenceHadamard40(), progress, cancellationToken),
            ("sentiment", "reference", "Orthogonal", 1) => runner.Run(cell, data, () => new SentimentReferenceOrthogonal1(), progress, cancellationToken),
            ("sentiment", "reference", "Orthogonal", 2) => runner.Run(cell, data, () => new SentimentReferenceOrthogonal2(), progress, cancellationToken),
            ("sentiment", "reference", "Orthogonal", 5) => runner.Run(cell, data, () => new SentimentReferenceOrthogonal5(), progress, cancellationToken),
            ("sentiment", "reference", "Orthogonal", 10) => runner.Run(cell, data, () => new SentimentReferenceOrthogonal10(), progress, cancellationToken),
            ("sentiment", "reference", "Orthogonal", 20) => runner.Run(cell, data, () => new SentimentReferenceOrthogonal20(), progress, cancellationToken),
            ("sentiment", "reference", "Orthogonal", 40) => runner.Run(cell, data, () => new SentimentReferenceOrthogonal40(), progress, cancellationToken),
            ("sentiment", "shortcut", "GaussianHadamard", 1) => runner.Run(cell, data, () => new SentimentShortcutHadamard1(), progress, cancellationToken),
            ("sentiment", "shortcut", "GaussianHadamard", 2) => runner.Run(cell, data, () => new SentimentShortcutHadamard2(), progress, cancellationToken),
            ("sentiment", "shortcut", "GaussianHadamard", 5) => runner.Run(cell, data, () => new SentimentShortcutHadamard5(), progress, cancellationToken),
            ("sentiment", "shortcut", "GaussianHadamard", 10) => runner.Run(cell, data, () => new SentimentShortcutHadamard10(), progress, cancellationToken),
            ("sentiment", "shortcut", "GaussianHadamard", 20) => runner.Run(cell, data, () => new SentimentShortcutHadamard20(), progress, cancellationToken),
            ("sentiment", "shortcut", "GaussianHadamard", 40) => runner.Run(cell, data, () => new SentimentShortcutHadamard40(), progress, cancellationToken),
            ("sentiment", "shortcut", "Orthogonal", 1) => runner.Run(cell, data, () => new SentimentShortcutOrthogonal1(), progress, cancellationToken),
            ("sentiment", "shortcut", "Orthogonal", 2) => runner.Run(cell, data, () => new SentimentShortcutOrthogonal2(), progress, cancellationToken),
            ("sentiment", "shortcut", "Orthogonal", 5) => runner.Run(cell, data, () => new SentimentShortcutOrthogonal5(), progress, cancellationToken),
            ("sentiment", "shortcut", "Orthogonal", 10) => runner.Run(cell, data, () => new SentimentShortcutOrthogonal10(), progress, cancellationToken),
            ("sentiment", "shortcut", "Orthogonal", 20) => runner.Run(cell, data, () => new SentimentShortcutOrthogonal20(), progress, cancellationToken),
            ("sentiment", "shortcut", "Orthogonal", 40) => runner.Run(cell, data, () => new SentimentShortcutOrthogonal40(), progress, cancellationToken),
            ("sentiment", "shortcut-from-b1", "GaussianHadamard", 1) => runner.RunFromPlain(cell, data, () => new SentimentShortcutHadamard1(), () => new SentimentPlain(), progress, cancellationToken),
            ("sentiment", "shortcut-from-b1", "GaussianHadamard", 2) => runner.RunFromPlain(cell, data, () => new SentimentShortcutHadamard2(), () => new SentimentPlain(), progress, cancellationToken),
            ("sentiment", "shortcut-from-b1", "GaussianHadamard", 5) => runner.RunFromPlain(cell, data, () => new SentimentShortcutHadamard5(), () => new SentimentPlain(), progress, cancellationToken),
            ("sentiment", "shortcut-from-b1", "GaussianHadamard", 10) => runner.RunFromPlain(cell, data, () => new SentimentShortcutHadamard10(), () => new SentimentPlain(), progress, cancellationToken),
            ("sentiment", "shortcut-from-b1", "GaussianHadamard", 20) => runner.RunFromPlain(cell, data, () => new SentimentShortcutHadamard20(), () => new SentimentPlain(), progress, cancellationToken),
            ("sentiment", "shortcut-from-b1", "GaussianHadamard", 40) => runner.RunFromPlain(cell, data, () => new SentimentShortcutHadamard40(), () => new SentimentPlain(), progress, cancellationToken),
            ("sentiment", "shortcut-from-b1", "Orthogonal", 1) => runner.RunFromPlain(cell, data, () => new SentimentShortcutOrthogonal1(), () => new SentimentPlain(), progress, cancellationToken),
            ("sentiment", "shortcut-from-b1", "Orthogonal", 2) => runner.RunFromPlain(cell, data, () => new SentimentShortcutOrthogonal2(), () => new SentimentPlain(), progress, cancellationToken),
            ("sentiment", "shortcut-from-b1", "Orthogonal", 5) => runner.RunFromPlain(cell, data, () => new SentimentShortcutOrthogonal5(), () => new SentimentPlain(), progress, cancellationToken),
            ("sentiment", "shortcut-from-b1", "Orthogonal", 10) => runner.RunFromPlain(cell, data, () => new SentimentShortcutOrthogonal10(), () => new SentimentPlain(), progress, cancellationToken),
            ("sentiment", "shortcut-from-b1", "Orthogonal", 20) => runner.RunFromPlain(cell, data, () => new SentimentShortcutOrthogonal20(), () => new SentimentPlain(), progress, cancellationToken),
            ("sentiment", "shortcut-from-b1", "Orthogonal", 40) => runner.RunFromPlain(cell, data, () => new SentimentShortcutOrthogonal40(), () => new SentimentPlain(), progress, cancellationToken),
            ("pos", "learned-keys", "GaussianHadamard", 2) => runner.Run(cell, data, () => new PosLearnedKeysHadamard2(), progress, cancellationToken),
            ("pos", "learned-keys", "GaussianHadamard", 5) => runner.Run(cell, data, () => new PosLearnedKeysHadamard5(), progress, cancellationToken),
            ("pos", "reference", "Contextual", 2) => runner.Run(cell, data, () => new PosReferenceContextual2(), progress, cancellationToken),
            ("pos", "reference", "Contextual", 5) => runner.Run(cell, data, () => new PosReferenceContextual5(), progress, cancellationToken),
            ("pos", "reference", "Contextual", 10) => runner.Run(cell, data, () => new PosReferenceContextual10(), progress, cancellationToken),
            ("pos", "reference", "Contextual", 20) => runner.Run(cell, data, () => new PosReferenceContextual20(), progress, cancellationToken),
            ("genre", "learned-keys", "GaussianHadamard", 2) => runner.Run(cell, data, () => new GenreLearnedKeysHadamard2(), progress, cancellationToken),
            ("genre", "learned-keys", "GaussianHadamard", 5) => runner.Run(cell, data, () => new GenreLearnedKeysHadamard5(), progress, cancellationToken),
            ("genre", "reference", "Contextual", 2) => runner.Run(cell, data, () => new GenreReferenceContextual2(), progress, cancellationToken),
            ("genre", "reference", "Contextual", 5) => runner.Run(cell, data, () => new GenreReferenceContextual5(), progress, cancellationToken),
            ("sentiment", "learned-keys", "GaussianHadamard", 2) => runner.Run(cell, data, () => new SentimentLearnedKeysHadamard2(), progress, cancellationToken),
            ("sentiment", "learned-keys", "GaussianHadamard", 5) => runner.Run(cell, data, () => new SentimentLearnedKeysHadamard5(), progress, cancellationToken),
            ("sentiment", "reference", "Contextual", 2) => runner.Run(cell, data, () => new SentimentReferenceContextual2(), progress, cancellationToken),
            ("sentiment", "reference", "Contextual", 5) => runner.Run(cell, data, () => new SentimentReferenceContextual5(), progress, cancellationToken),
            _ => throw new ArgumentException($"No model is declared for {cell.Key}."),
        };
}
