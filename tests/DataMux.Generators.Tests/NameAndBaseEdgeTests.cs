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
    private const string Attributes = "[Multiplexed(N = 2)]\n[Transformer(Hidden = 16, Heads = 2, MaxLength = 8, Vocabulary = 50)]\n[SequenceClassification]\n";

    private static GeneratorRun Run(string declarations, params string[] others) =>
        TestHelper.Run(["using DataMux;\nnamespace Demo;\n/// <summary>M.</summary>\n" + declarations, .. others]);

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

    [Theory]
    [InlineData("using System;\nnamespace Demo;\npartial class Model : Object { }", "Object")]
    [InlineData("using O = System.Object;\nnamespace Demo;\npartial class Model : O { }", "O")]
    public void An_object_base_written_in_another_file_is_DMX0004(string otherPart, string written)
    {
        // Only 'object', 'System.Object' and 'global::System.Object' are recognised in other files: 'Object' under
        // 'using System;' or an alias is missed, the model is generated, and the build fails with CS0263 plus CS1729,
        // CS0103 and CS0311 inside the generated file.
        var run = Run(Attributes + "public partial class Model { }", otherPart);

        Assert.Empty(run.Sources);
        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("DMX0004", diagnostic.Id);
        Assert.Equal(written, run.SpanText(diagnostic));
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
        var run = TestHelper.Run("using DataMux;\nusing static TorchSharp.torch;\nnamespace Demo;\n/// <summary>M.</summary>\n" + Attributes +
            "public partial class Model\n{\n" + member + "\n}");

        Assert.Empty(run.Diagnostics);
        Assert.Single(run.Sources);
        run.AssertCompilesCleanly();
    }

    [Theory]
    [InlineData("protected void RegisterComponents(bool verbose = false) { _ = verbose; }")]
    [InlineData("protected new void RegisterComponents() { }")]
    public void A_users_RegisterComponents_that_would_capture_the_constructors_call_is_DMX0015(string member)
    {
        // The generated constructor calls RegisterComponents(); a method of the model that such a call binds to instead of
        // the base's (an overload with optional parameters, a 'new' one) left the submodules unregistered: no parameters,
        // an empty state dict, nothing to train, and no warning anywhere.
        var run = Run(Attributes + "public partial class Model\n{\n/// <summary>Mine.</summary>\n/// <param name=\"verbose\">V.</param>\n" + member + "\n}");

        Assert.Empty(run.Sources);
        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("DMX0015", diagnostic.Id);
        Assert.Equal("'RegisterComponents' is the name of a member the generated model declares or calls, so a member of 'Model' cannot use it; rename it", diagnostic.GetMessage());
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

    [Theory]
    [InlineData("[Multiplexed(N = 2)]\n[Multiplexed(N = 4)]\n[Transformer(Hidden = 16, Heads = 2, MaxLength = 8, Vocabulary = 50)]\n[SequenceClassification]\n", "CS0579")]
    [InlineData("[Multiplexed(N = \"two\")]\n[Transformer(Hidden = 16, Heads = 2, MaxLength = 8, Vocabulary = 50)]\n[SequenceClassification]\n", "CS0029")]
    public void Declaration_errors_stand_beside_a_compiler_error_in_the_attributes(string attributes, string compilerError)
    {
        // The compiler's error alone was reported, and DMX0001 came only after it was fixed: one problem per build.
        var run = Run(attributes + "public class Model { }");

        Assert.Contains(run.Input.GetDiagnostics(), d => d.Id == compilerError);
        Assert.Empty(run.Sources);
        Assert.Equal("DMX0001", Assert.Single(run.Diagnostics).Id);
    }

    [Fact]
    public void A_base_class_in_another_part_is_reported_where_it_is_written()
    {
        // DMX0004 points at the class name in the attributed file, not at ': B' in the file that declares it.
        var run = Run(Attributes + "public partial class Model { }", "namespace Demo;\n/// <summary>B.</summary>\npublic class B { }\npartial class Model : B { }");

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("DMX0004", diagnostic.Id);
        Assert.Equal("B", run.SpanText(diagnostic));
        Assert.Equal("Other1.cs", diagnostic.Location.GetLineSpan().Path);
    }
}
