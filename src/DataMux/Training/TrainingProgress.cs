namespace DataMux.Training;

/// <summary>Reported after every optimisation step of <see cref="MultiplexedTrainer.Train{TModel}"/>.</summary>
/// <param name="Epoch">The epoch, 1-based.</param>
/// <param name="Step">Steps done so far, 1-based over the whole run.</param>
/// <param name="TotalSteps">Steps of the whole run.</param>
/// <param name="Loss">This step's mean cross-entropy.</param>
/// <param name="LearningRate">The learning rate used for this step.</param>
public sealed record TrainingProgress(int Epoch, int Step, int TotalSteps, double Loss, double LearningRate);
