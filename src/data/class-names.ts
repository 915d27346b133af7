/** The names of each source's ten classes, by label, for figures and the HUD. */
import { type DataSource } from '../config/data-config.js';

const digits = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/** Fashion-MNIST's labels, in the order of its label file. */
const fashion = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
] as const;

/** CIFAR-10's labels, in the order of its batches.meta.txt. */
const cifar10 = [
  'airplane',
  'automobile',
  'bird',
  'cat',
  'deer',
  'dog',
  'frog',
  'horse',
  'ship',
  'truck',
] as const;

export const classNames: Record<DataSource, readonly string[]> = {
  'mnist-package': digits,
  mnist: digits,
  'fashion-mnist': fashion,
  cifar10,
};
