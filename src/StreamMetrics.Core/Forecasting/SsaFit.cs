using System.Numerics;
using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace StreamMetrics.Core.Forecasting;

/// <summary>
/// Singular spectrum analysis of one window of history, as ML.NET's SSA forecaster does it: trajectory matrix of
/// window L, its singular vectors (eigenvectors of the L x L lag-covariance), rank by explained variance, and the
/// L-1 coefficients of the linear recurrence that continues the signal subspace, with roots outside the unit circle
/// pulled onto it so that forecasts cannot grow without bound.
/// </summary>
internal static class SsaFit
{
    /// <param name="Basis">The kept singular vectors, row-major L x Rank.</param>
    /// <param name="Coefficients">Recurrence weights; Coefficients[j] multiplies the value L-1-j steps back.</param>
    /// <param name="Variance">Mean squared one-step error of the recurrence over the window.</param>
    public sealed record Result(int Window, int Rank, double[] Basis, double[] Coefficients, double Variance);

    public static Result? Decompose(ReadOnlySpan<double> x, int window, double explainedVariance, int maxRank)
    {
        var n = x.Length;
        var l = Math.Min(window, n / 2);
        if (l < 3)
            return null;
        var k = n - l + 1;
        // Lag covariance X X^T: the first row in full, then each entry from its upper-left neighbour by moving the
        // window one step (drop the product leaving it, add the one entering), O(L K + L^2) instead of O(L^2 K).
        var c = new double[l * l];
        for (var j = 0; j < l; j++)
        {
            var sum = 0.0;
            for (var t = 0; t < k; t++)
                sum += x[t] * x[j + t];
            c[j] = sum;
        }
        for (var i = 1; i < l; i++)
        {
            for (var j = i; j < l; j++)
                c[i * l + j] = c[(i - 1) * l + j - 1] - x[i - 1] * x[j - 1] + x[i - 1 + k] * x[j - 1 + k];
        }

        var covariance = Matrix<double>.Build.Dense(l, l, (i, j) => i <= j ? c[i * l + j] : c[j * l + i]);
        var evd = covariance.Evd(Symmetricity.Symmetric);
        // Symmetric eigenvalues come in ascending order; the leading components are at the end.
        var eigenvalues = evd.EigenValues.Select(v => Math.Max(0, v.Real)).ToArray();
        var total = eigenvalues.Sum();
        if (total <= 0)
            return null;
        var rank = ChooseRank(eigenvalues, total, explainedVariance, Math.Min(maxRank, l - 1));
        var basis = new double[l * rank];
        for (var r = 0; r < rank; r++)
        {
            for (var i = 0; i < l; i++)
                basis[i * rank + r] = evd.EigenVectors[i, l - 1 - r];
        }

        var coefficients = Recurrence(basis, l, ref rank);
        if (coefficients is null)
            return null;
        Stabilise(coefficients);
        return new Result(l, rank, Trim(basis, l, rank), coefficients, ResidualVariance(x, coefficients));
    }

    private static int ChooseRank(double[] ascending, double total, double explainedVariance, int maxRank)
    {
        double Eigen(int r) => ascending[ascending.Length - 1 - r];
        var rank = 0;
        var explained = 0.0;
        while (rank < maxRank && explained < explainedVariance * total)
            explained += Eigen(rank++);
        // A sine appears as a pair of nearly equal eigenvalues; keeping only half of the pair distorts it.
        if (rank < maxRank && rank < ascending.Length && Eigen(rank) >= 0.7 * Eigen(rank - 1))
            rank++;
        return Math.Max(1, rank);
    }

    private static double[]? Recurrence(double[] basis, int l, ref int rank)
    {
        // Verticality nu^2 = sum of squared last components; the recurrence exists only when it is below 1.
        var width = basis.Length / l;
        while (rank > 0)
        {
            var nu2 = 0.0;
            for (var r = 0; r < rank; r++)
                nu2 += basis[(l - 1) * width + r] * basis[(l - 1) * width + r];
            if (nu2 < 1 - 1e-6)
            {
                var coefficients = new double[l - 1];
                for (var r = 0; r < rank; r++)
                {
                    var pi = basis[(l - 1) * width + r];
                    for (var i = 0; i < l - 1; i++)
                        coefficients[i] += pi * basis[i * width + r];
                }
                for (var i = 0; i < l - 1; i++)
                    coefficients[i] /= 1 - nu2;
                return coefficients;
            }
            rank--;
        }
        return null;
    }

    private static double[] Trim(double[] basis, int l, int rank)
    {
        var width = basis.Length / l;
        if (width == rank)
            return basis;
        var trimmed = new double[l * rank];
        for (var i = 0; i < l; i++)
        {
            for (var r = 0; r < rank; r++)
                trimmed[i * rank + r] = basis[i * width + r];
        }

        return trimmed;
    }

    /// <summary>Moves the roots of the characteristic polynomial that lie outside the unit circle onto it.</summary>
    private static void Stabilise(double[] coefficients)
    {
        // x_t = sum_j a_j x_{t-m+j}, m = L-1: characteristic polynomial z^m - a_{m-1} z^{m-1} - ... - a_0.
        var m = coefficients.Length;
        var polynomial = new double[m + 1];
        for (var j = 0; j < m; j++)
            polynomial[j] = -coefficients[j];
        polynomial[m] = 1;
        Complex[] roots;
        try
        {
            roots = FindRoots.Polynomial(polynomial);
        }
        catch (Exception e) when (e is ArithmeticException or ArgumentException or NonConvergenceException)
        {
            return;
        }
        var changed = false;
        for (var i = 0; i < roots.Length; i++)
        {
            var magnitude = roots[i].Magnitude;
            if (magnitude > 1 + 1e-6 && double.IsFinite(magnitude))
            {
                roots[i] /= magnitude;
                changed = true;
            }
        }
        if (!changed)
            return;
        var product = new Complex[m + 1];
        product[0] = Complex.One;
        for (var i = 0; i < roots.Length; i++)
        {
            for (var d = i + 1; d >= 0; d--)
                product[d] = (d > 0 ? product[d - 1] : Complex.Zero) - roots[i] * product[d];
        }

        for (var j = 0; j < m; j++)
            coefficients[j] = -product[j].Real;
    }

    private static double ResidualVariance(ReadOnlySpan<double> x, double[] coefficients)
    {
        var m = coefficients.Length;
        var sum = 0.0;
        var count = 0;
        for (var t = m; t < x.Length; t++)
        {
            var predicted = 0.0;
            for (var j = 0; j < m; j++)
                predicted += coefficients[j] * x[t - m + j];
            var error = x[t] - predicted;
            sum += error * error;
            count++;
        }
        return count == 0 ? 0 : sum / count;
    }
}
