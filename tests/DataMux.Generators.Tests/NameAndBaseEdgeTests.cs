using System;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace DataMux.Generators.Tests;

/// <summary>
/// Declarations a fourth review of the generator found mishandled: names that are contextual keywords, base classes
/// written in another part, overloads mistaken for generated members, a user RegisterComponents, extern aliases.
/// </summary>
[Collection(ModelConstruction.Collection)] // one test builds a model
public sealed class NameAndBaseEdgeTests
{
    private static readonly string Attributes = ModelSource.Attributes();

    private static GeneratorRun Run(string declarations, params string[] others) =>
        TestHelper.Run([ModelSource.File(declarations), .. others]);

    [Theory]
    [InlineData("file")]
    [InlineData("required")]
    [InlineData("scoped")]
    [InlineData("record")]
    public void A_model_named_by_a_contextual_keyword_compiles(string name)
    {
        // '@file' is a legal class name (the user's part compiles cleanly), but the generated part writes
        // 'partial class file', which C# 11+ reads as the 'file' modifier (or rejects: CS9056, CS9029, CS9062, CS8860).
        var run = Run(Attributes + $"public partial class @{name} {{ }}");

        Assert.Empty(run.Input.GetDiagnostics());
        Assert.Empty(run.Diagnostics);
        Assert.Single(run.Sources);
        run.AssertCompilesCleanly();
    }

    [Theory]
    [InlineData("file")]
    [InlineData("required")]
    [InlineData("scoped")]
    [InlineData("record")]
    public void A_model_nested_in_a_type_named_by_a_contextual_keyword_compiles(string name)
    {
        var run = Run($"public partial class @{name}\n{{\n/// <summary>M.</summary>\n" + Attributes + "public partial class Model { }\n}");

        Assert.Empty(run.Input.GetDiagnostics());
        Assert.Empty(run.Diagnostics);
        Assert.Single(run.Sources);
        run.AssertCompilesCleanly();
    }

    [Fact]
    public void A_missing_partial_beside_a_partial_part_is_the_compilers_CS0260_alone()
    {
        // The compiler already reports CS0260 at the same span; DMX0001 repeats it.
        var run = Run(Attributes + "public class Model { }", "namespace Demo;\npartial class Model { }");

        Assert.Contains(run.Input.GetDiagnostics(), d => d.Id == "CS0260");
        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.Sources);
    }

    [Theory]
    [InlineData("/// <summary>Mine.</summary>\n/// <typeparam name=\"T\">T.</typeparam>\n/// <param name=\"tokens\">T.</param>\n/// <returns>R.</returns>\npublic Tensor forward<T>(Tensor tokens) => tokens;")]
    [InlineData("/// <summary>Mine.</summary>\n/// <param name=\"tokens\">T.</param>\n/// <returns>R.</returns>\npublic Tensor forward(in Tensor tokens) => tokens;")]
    [InlineData("/// <summary>Mine.</summary>\n/// <param name=\"device\">D.</param>\npublic Model(in Device device) : this((Device?)null) { _ = device; }")]
    public void Overloads_that_differ_from_the_generated_members_are_the_users(string member)
    {
        // A generic forward, or an 'in' parameter, is a different signature from forward(Tensor) / Model(Device?):
        // the generated file compiles beside it (as the forward(Tensor, Tensor) and Model(int) overloads do), but
        // DMX0015 rejects the model.
        var run = TestHelper.Run(ModelSource.File(Attributes + "public partial class Model\n{\n" + member + "\n}", usings: "using static TorchSharp.torch;\n"));

        Assert.Empty(run.Diagnostics);
        Assert.Single(run.Sources);
        run.AssertCompilesCleanly();
    }

    [Fact]
    public void A_users_RegisterComponents_override_runs()
    {
        // base.RegisterComponents() in the generated constructor skipped an override of the user's.
        var run = Run(Attributes + """
            public partial class Model
            {
                /// <summary>Calls.</summary>
                public static int Calls;

                /// <inheritdoc/>
                protected override void RegisterComponents() { Calls++; base.RegisterComponents(); }
            }
            """);
        Assert.Empty(run.Diagnostics);
        run.AssertCompilesCleanly();

        var type = run.LoadType("Demo.Model");
        using var model = (nn.Module<Tensor, Tensor>)Activator.CreateInstance(type, [null])!;

        Assert.Equal(1, (int)type.GetField("Calls")!.GetValue(null)!);
        Assert.NotEmpty(model.parameters());
    }

}
