/**
 * PyTorch checkpoints: {@link org.jaynes.formats.pytorch.PytorchReader} reads {@code torch.save} zip files,
 * legacy (pre-1.6) {@code torch.save} files and sharded {@code pytorch_model.bin.index.json} checkpoints
 * through a pickle virtual machine that runs no code and names only allow-listed globals.
 */
package org.jaynes.formats.pytorch;
