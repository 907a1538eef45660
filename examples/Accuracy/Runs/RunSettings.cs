using System;
using System.Globalization;
using DataMux.Training;

namespace Accuracy.Runs;

/// <summary>
/// How every cell trains: the accuracy peer's budget by default (2,000 task steps of 32 groups; 1,000 retrieval warm-up
/// steps), so that rows compare with its table, with AdamW at a peak of 3e-3 (chosen on validation documents: at the
/// peer's 1e-3 the multiplexed models are far from converged after 2,000 steps, B1 is as good at 2e-3 and 3e-3), a
/// short rise and a linear decay to 0. The sentiment task (2,400 training sentences) trains a fifth of the steps.
/// Fine-tuning after a warm-up reads the retrieval loss at a quarter of the positions (measured on validation documents
/// at N = 5: the same accuracy as at all of them, the step 30% faster); the warm-up reads all.
/// </summary>
/// <param name="Steps">Task steps per cell.</param>
/// <param name="Groups">Multiplexed groups per step (a step sees Groups · N sentences).</param>
/// <param name="LearningRate">Peak learning rate of the task and of the warm-up.</param>
/// <param name="WarmupSteps">Retrieval warm-up steps of the warm cells.</param>
/// <param name="Seed">Seed of the data order, dropout and retrieval draws.</param>
/// <param name="Validation">Evaluate on documents held out of the training part (to choose settings), not on the test documents.</param>
/// <param name="RetrievalFraction">The share of positions the retrieval loss reads while fine-tuning (the warm-up reads all).</param>
/// <param name="WarmupMasking">The warm-up's masking probability (<see cref="TrainingOptions.WarmupMasking"/>; 0: DataMUX's retrieval).</param>
/// <param name="Curriculum">The share of the task steps over which the inputs per group rise from 1 to N (<see cref="TrainingOptions.CurriculumFraction"/>).</param>
internal sealed record RunSettings(int Steps = 2000, int Groups = 32, double LearningRate = 3e-3, int WarmupSteps = 1000, int Seed = 0, bool Validation = false,
    double RetrievalFraction = 0.25, double Curriculum = 0, double WarmupMasking = 0)
{
    /// <summary>Task steps of <paramref name="task"/>: <see cref="Steps"/>, a fifth of them for the small sentiment set.</summary>
    public int StepsOf(string task) => task == "sentiment" ? Math.Max(1, Steps / 5) : Steps;

    /// <summary>The task training's options for <paramref name="task"/> (a checkpoint every 250 steps into <paramref name="folder"/>).</summary>
    public TrainingOptions Task(string task, string folder) => new()
    {
        Steps = StepsOf(task), BatchGroups = Groups, LearningRate = LearningRate, Seed = Seed, WarmupFraction = 0.06, LinearDecay = true,
        RetrievalWeight = 0.1, RetrievalFraction = RetrievalFraction, CurriculumFraction = Curriculum, CheckpointFolder = folder, CheckpointEvery = 250,
    };

    /// <summary>The warm-up's options (the warm-up cache keeps its own checkpoints).</summary>
    public TrainingOptions Warmup() => new()
    {
        Steps = WarmupSteps, BatchGroups = Groups, LearningRate = LearningRate, Seed = Seed, WarmupFraction = 0.06, LinearDecay = true, WarmupMasking = WarmupMasking,
        CheckpointEvery = 250,
    };

    /// <summary>A short name of the settings: results of other settings are kept apart.</summary>
    public string Signature => string.Create(CultureInfo.InvariantCulture, $"s{Steps}-g{Groups}-lr{LearningRate:G3}-w{WarmupSteps}-seed{Seed}-rf{RetrievalFraction:G3}{(WarmupMasking > 0 ? $"-mask{WarmupMasking:G3}" : "")}{(Curriculum > 0 ? $"-cur{Curriculum:G3}" : "")}{(Validation ? "-validation" : "")}");
}
