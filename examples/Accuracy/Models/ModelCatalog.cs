using System;
using System.Threading;
using Accuracy.Runs;
using Accuracy.Tasks;
using DataMux.Training;

namespace Accuracy.Models;

/// <summary>The generated model of every cell kind, and the call that runs a cell on it (the trainer is generic in the model).</summary>
internal static class ModelCatalog
{
    /// <summary>Runs <paramref name="cell"/> with <paramref name="runner"/> on a fresh model of its kind.</summary>
    public static CellResult Run(Cell cell, CellRunner runner, TaskData data, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken) =>
        (cell.Task, cell.Mux, cell.N) switch
        {
            ("pos", "B1", 1) => runner.Run(cell, data, () => new PosPlain(), progress, cancellationToken),
            ("pos", "GaussianHadamard", 1) => runner.Run(cell, data, () => new PosHadamard1(), progress, cancellationToken),
            ("pos", "GaussianHadamard", 2) => runner.Run(cell, data, () => new PosHadamard2(), progress, cancellationToken),
            ("pos", "GaussianHadamard", 5) => runner.Run(cell, data, () => new PosHadamard5(), progress, cancellationToken),
            ("pos", "GaussianHadamard", 10) => runner.Run(cell, data, () => new PosHadamard10(), progress, cancellationToken),
            ("pos", "GaussianHadamard", 20) => runner.Run(cell, data, () => new PosHadamard20(), progress, cancellationToken),
            ("pos", "GaussianHadamard", 40) => runner.Run(cell, data, () => new PosHadamard40(), progress, cancellationToken),
            ("pos", "Orthogonal", 1) => runner.Run(cell, data, () => new PosOrthogonal1(), progress, cancellationToken),
            ("pos", "Orthogonal", 2) => runner.Run(cell, data, () => new PosOrthogonal2(), progress, cancellationToken),
            ("pos", "Orthogonal", 5) => runner.Run(cell, data, () => new PosOrthogonal5(), progress, cancellationToken),
            ("pos", "Orthogonal", 10) => runner.Run(cell, data, () => new PosOrthogonal10(), progress, cancellationToken),
            ("pos", "Orthogonal", 20) => runner.Run(cell, data, () => new PosOrthogonal20(), progress, cancellationToken),
            ("pos", "Orthogonal", 40) => runner.Run(cell, data, () => new PosOrthogonal40(), progress, cancellationToken),
            ("genre", "B1", 1) => runner.Run(cell, data, () => new GenrePlain(), progress, cancellationToken),
            ("genre", "GaussianHadamard", 1) => runner.Run(cell, data, () => new GenreHadamard1(), progress, cancellationToken),
            ("genre", "GaussianHadamard", 2) => runner.Run(cell, data, () => new GenreHadamard2(), progress, cancellationToken),
            ("genre", "GaussianHadamard", 5) => runner.Run(cell, data, () => new GenreHadamard5(), progress, cancellationToken),
            ("genre", "GaussianHadamard", 10) => runner.Run(cell, data, () => new GenreHadamard10(), progress, cancellationToken),
            ("genre", "GaussianHadamard", 20) => runner.Run(cell, data, () => new GenreHadamard20(), progress, cancellationToken),
            ("genre", "GaussianHadamard", 40) => runner.Run(cell, data, () => new GenreHadamard40(), progress, cancellationToken),
            ("genre", "Orthogonal", 1) => runner.Run(cell, data, () => new GenreOrthogonal1(), progress, cancellationToken),
            ("genre", "Orthogonal", 2) => runner.Run(cell, data, () => new GenreOrthogonal2(), progress, cancellationToken),
            ("genre", "Orthogonal", 5) => runner.Run(cell, data, () => new GenreOrthogonal5(), progress, cancellationToken),
            ("genre", "Orthogonal", 10) => runner.Run(cell, data, () => new GenreOrthogonal10(), progress, cancellationToken),
            ("genre", "Orthogonal", 20) => runner.Run(cell, data, () => new GenreOrthogonal20(), progress, cancellationToken),
            ("genre", "Orthogonal", 40) => runner.Run(cell, data, () => new GenreOrthogonal40(), progress, cancellationToken),
            ("sentiment", "B1", 1) => runner.Run(cell, data, () => new SentimentPlain(), progress, cancellationToken),
            ("sentiment", "GaussianHadamard", 1) => runner.Run(cell, data, () => new SentimentHadamard1(), progress, cancellationToken),
            ("sentiment", "GaussianHadamard", 2) => runner.Run(cell, data, () => new SentimentHadamard2(), progress, cancellationToken),
            ("sentiment", "GaussianHadamard", 5) => runner.Run(cell, data, () => new SentimentHadamard5(), progress, cancellationToken),
            ("sentiment", "GaussianHadamard", 10) => runner.Run(cell, data, () => new SentimentHadamard10(), progress, cancellationToken),
            ("sentiment", "GaussianHadamard", 20) => runner.Run(cell, data, () => new SentimentHadamard20(), progress, cancellationToken),
            ("sentiment", "GaussianHadamard", 40) => runner.Run(cell, data, () => new SentimentHadamard40(), progress, cancellationToken),
            ("sentiment", "Orthogonal", 1) => runner.Run(cell, data, () => new SentimentOrthogonal1(), progress, cancellationToken),
            ("sentiment", "Orthogonal", 2) => runner.Run(cell, data, () => new SentimentOrthogonal2(), progress, cancellationToken),
            ("sentiment", "Orthogonal", 5) => runner.Run(cell, data, () => new SentimentOrthogonal5(), progress, cancellationToken),
            ("sentiment", "Orthogonal", 10) => runner.Run(cell, data, () => new SentimentOrthogonal10(), progress, cancellationToken),
            ("sentiment", "Orthogonal", 20) => runner.Run(cell, data, () => new SentimentOrthogonal20(), progress, cancellationToken),
            ("sentiment", "Orthogonal", 40) => runner.Run(cell, data, () => new SentimentOrthogonal40(), progress, cancellationToken),
            _ => throw new ArgumentException($"No model is declared for {cell.Key}."),
        };
}
