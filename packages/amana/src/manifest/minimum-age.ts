import type { Manifest } from './schema.ts'

type Children = NonNullable<Manifest['children']>

/**
 * The youngest age a person may use the shop without a parent, for people under one jurisdiction:
 * `children.minimumAgeBy[jurisdiction]`, else `children.minimumAge`. The policy states these ages and
 * the decision route applies them to an `age` (one source for both; figures.test.ts compares them).
 */
export const minimumAgeFor = (children: Children, jurisdiction: string): number =>
  children.minimumAgeBy?.[jurisdiction as keyof NonNullable<Children['minimumAgeBy']>] ?? children.minimumAge

/** Whether a person of `age` under `jurisdiction` counts as a child; undefined without an age or a declaration. */
export const isUnderMinimumAge = (
  children: Children | undefined,
  jurisdiction: string,
  age: number | undefined,
): boolean | undefined =>
  children === undefined || age === undefined ? undefined : age < minimumAgeFor(children, jurisdiction)
