package dev.loupe.query.forecast;

/**
 * Solves small dense linear systems, as the least-squares fits of {@code predict} produce them (a handful of
 * unknowns). Stateless.
 */
public final class LinearEquations {
    private LinearEquations() {}

    /**
     * Solves an augmented system {@code [A | b]} (each row holds the coefficients then the right-hand side) by
     * Gauss-Jordan elimination with partial pivoting. The array is modified.
     *
     * @param minimumPivot the largest pivot magnitude treated as zero: a pivot whose magnitude is at most this
     *     makes the system (nearly) singular
     * @return the solution, or null when the system is (nearly) singular
     */
    public static double[] solve(double[][] system, double minimumPivot) {
        int size = system.length;
        for (int pivot = 0; pivot < size; pivot++) {
            int best = pivot;
            for (int row = pivot + 1; row < size; row++) {
                if (Math.abs(system[row][pivot]) > Math.abs(system[best][pivot])) {
                    best = row;
                }
            }
            if (Math.abs(system[best][pivot]) <= minimumPivot) {
                return null;
            }
            double[] swap = system[pivot];
            system[pivot] = system[best];
            system[best] = swap;
            for (int row = 0; row < size; row++) {
                if (row != pivot) {
                    double factor = system[row][pivot] / system[pivot][pivot];
                    for (int column = pivot; column <= size; column++) {
                        system[row][column] -= factor * system[pivot][column];
                    }
                }
            }
        }
        double[] solution = new double[size];
        for (int row = 0; row < size; row++) {
            solution[row] = system[row][size] / system[row][row];
        }
        return solution;
    }
}
