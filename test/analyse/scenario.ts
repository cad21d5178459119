/**
 * A small hand-made city used by several metric tests; each test works out its expected figures from the
 * comments here, by hand.
 *
 * id  month    origin               responder           eligible (initial type)   what happened
 * a   2022-10  911                  behavioural_crisis  BCR current               assigned, arrived
 * b   2022-10  911                  police              BCR current               assigned, arrived, type unchanged
 * c   2022-10  911                  police              BCR current               assigned, arrived, final type changed
 * d   2022-10  non_emergency_phone  behavioural_crisis  BCR current               cancelled before assignment
 * e   2022-10  911                  police              BCR current               never assigned, not cancelled
 * f   2022-11  officer_initiated    police              nobody but police         assigned, arrived
 * g   2022-11  911                  animal_control      animal control current    assigned, arrived
 * h   2022-11  311                  online_311          311 current               never assigned (a report)
 * i   2022-11  911                  police              BCR near-term             assigned, arrived
 * j   2022-11  911                  police              BCR current               assigned, no arrival, not cancelled
 */
import type { FixtureCall, FixtureClass } from './helpers.js';

const full = { queued: 1, assigned: 3, enroute: 4, arrived: 12, cleared: 42, closed: 45 };

export const SCENARIO_CALLS: FixtureCall[] = [
  {
    id: 'a',
    at: '2022-10-03 10:00',
    type: 'Crisis',
    responder: 'behavioural_crisis',
    stages: full,
    priority: '2',
  },
  { id: 'b', at: '2022-10-04 11:00', type: 'Crisis', stages: full, priority: '2' },
  { id: 'c', at: '2022-10-05 12:00', type: 'Crisis', final: 'Assault', stages: full, priority: '1' },
  {
    id: 'd',
    at: '2022-10-06 13:00',
    type: 'Crisis',
    origin: 'non_emergency_phone',
    responder: 'behavioural_crisis',
    cancel_reason: 'CLR-Per Caller',
    disposition_class: 'cancelled',
    stages: { queued: 1, closed: 5 },
    priority: '3',
  },
  { id: 'e', at: '2022-10-07 14:00', type: 'Crisis', stages: { queued: 1, closed: 30 }, priority: '3' },
  {
    id: 'f',
    at: '2022-11-01 08:00',
    type: 'Patrol',
    origin: 'officer_initiated',
    stages: full,
    priority: '4',
  },
  { id: 'g', at: '2022-11-02 09:00', type: 'Dog', responder: 'animal_control', stages: full, priority: '3' },
  {
    id: 'h',
    at: '2022-11-03 10:00',
    type: 'Theft Report',
    origin: '311',
    responder: 'online_311',
    priority: '4',
  },
  { id: 'i', at: '2022-11-04 11:00', type: 'Welfare', stages: full, priority: '2' },
  {
    id: 'j',
    at: '2022-11-05 12:00',
    type: 'Crisis',
    stages: { queued: 1, assigned: 3, closed: 20 },
    priority: '2',
  },
];

const bcr = ['police', 'behavioural_crisis'];
export const SCENARIO_CLASSES: FixtureClass[] = [
  { id: 'a', category: 'behavioural_health', tier: 'non_criminal', current: bcr },
  { id: 'b', category: 'behavioural_health', tier: 'non_criminal', current: bcr },
  {
    id: 'c',
    category: 'behavioural_health',
    tier: 'non_criminal',
    current: bcr,
    final_category: 'violent_crime',
  },
  { id: 'd', category: 'behavioural_health', tier: 'non_criminal', current: bcr },
  { id: 'e', category: 'behavioural_health', tier: 'non_criminal', current: bcr },
  { id: 'f', category: 'officer_initiated_admin', tier: 'non_criminal', current: ['police'] },
  { id: 'g', category: 'animal', tier: 'non_criminal', current: ['police', 'animal_control'] },
  { id: 'h', category: 'property_crime_report', tier: 'misdemeanour', current: ['police', 'online_311'] },
  {
    id: 'i',
    category: 'welfare_check',
    tier: 'non_criminal',
    current: ['police'],
    near_term: ['behavioural_crisis'],
  },
  { id: 'j', category: 'behavioural_health', tier: 'non_criminal', current: bcr },
];
