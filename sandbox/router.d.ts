export function createWeightedPicker(initialGreen?: number): { readonly green: number; set(weight: number): void; pick(): "blue" | "green" };
